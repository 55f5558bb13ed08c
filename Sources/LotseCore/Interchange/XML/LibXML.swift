// LibXML: the one file that touches libxml2 — a streaming reader (xmlTextReader) that never
// touches the network or expands entities, optional XSD validation while reading, structured
// error capture with line and column, and subtree expansion into plain Swift values. Every
// external entity load is refused process-wide: Lotse loads its XSD from memory.
import CLibXML2
import Foundation

/// A problem reported by libxml2 (parser or schema validator).
struct XMLProblem: Sendable, Equatable {
    /// 1-based line, 0 when unknown.
    /// The line of the start tag.
    let line: Int
    /// 1-based column, 0 when unknown.
    let column: Int
    /// libxml2's message without the namespace noise and trailing newline.
    let message: String
}

/// An element of an expanded subtree: name, `id` attribute, line, text and child elements.
struct XMLElementValue {
    /// The local name.
    let name: String
    /// The namespace URI.
    let namespace: String?
    /// The `id` attribute.
    let id: String?
    let line: Int
    /// The element's own text (without its children's).
    let text: String
    /// Child elements in document order.
    let children: [XMLElementValue]
}

/// A compiled XSD.
final class XMLSchemaDocument: @unchecked Sendable {
    /// The compiled schema (freed with this object).
    let schema: xmlSchemaPtr

    /// Parses an XSD held in memory (so that no file or URL is ever resolved).
    init(bytes: [UInt8], name: String) throws {
        LibXML.refuseExternalEntities
        let parsed: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let context = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(context) }
                return xmlSchemaParse(context)
            }
        }
        guard let parsed else { throw LotseError(.unusableData, "XML-Schema \(name) ist fehlerhaft") }
        schema = parsed
    }

    deinit { xmlSchemaFree(schema) }
}

/// Streams one XML file with libxml2's reader.
final class XMLStreamReader {
    private let reader: xmlTextReaderPtr
    private var validation: xmlSchemaValidCtxtPtr?
    private let collector = ProblemCollector()

    /// Parser options: no network, no DTD loading, no entity substitution (`XML_PARSE_NOENT`
    /// is deliberately absent), no CDATA-to-text surprises.
    static let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue) | Int32(XML_PARSE_COMPACT.rawValue)

    /// Opens `path`; with `schema`, every node is validated while it is read.
    init(path: String, schema: XMLSchemaDocument? = nil) throws {
        LibXML.refuseExternalEntities
        guard let reader = xmlReaderForFile(path, nil, Self.options) else {
            throw LotseError(.notFound, "Datei \(path) kann nicht gelesen werden.")
        }
        self.reader = reader
        collector.reader = reader
        let context = Unmanaged.passUnretained(collector).toOpaque()
        if let schema {
            validation = xmlSchemaNewValidCtxt(schema.schema)
            guard xmlTextReaderSchemaValidateCtxt(reader, validation, 0) == 0 else {
                throw LotseError(.unusableData, "XML-Schema kann nicht angewendet werden")
            }
            xmlSchemaSetValidStructuredErrors(validation, LibXML.collect, context)
        }
        // Parser errors go to this thread's structured handler: the reader's own relay breaks
        // (crashes) once a schema is plugged into its SAX handler.
        xmlSetStructuredErrorFunc(context, LibXML.collect)
    }

    deinit {
        xmlSetStructuredErrorFunc(nil, nil)
        xmlFreeTextReader(reader)
        if let validation { xmlSchemaFreeValidCtxt(validation) }
    }

    /// Problems reported so far.
    var problems: [XMLProblem] { collector.problems }

    /// Advances to the next node; false at the end. Throws nothing: a fatal parse error ends
    /// reading and is in `problems`.
    func read() -> Bool { xmlTextReaderRead(reader) == 1 }

    /// Skips the current node's subtree; false at the end.
    func skip() -> Bool { xmlTextReaderNext(reader) == 1 }

    /// The node type (libxml2's xmlReaderTypes).
    var nodeType: Int32 { xmlTextReaderNodeType(reader) }
    /// The depth of the current node (root element: 0).
    var depth: Int32 { xmlTextReaderDepth(reader) }
    /// The local name of the current node.
    var localName: String { LibXML.string(xmlTextReaderConstLocalName(reader)) ?? "" }
    /// The namespace URI of the current node.
    var namespaceURI: String? { LibXML.string(xmlTextReaderConstNamespaceUri(reader)) }
    /// The current line of the parser.
    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
    /// The current column of the parser.
    var column: Int { Int(xmlTextReaderGetParserColumnNumber(reader)) }

    /// An attribute of the current element.
    func attribute(_ name: String) -> String? {
        guard let raw = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Bytes of the file consumed so far (for progress).
    var bytesConsumed: Int { Int(xmlTextReaderByteConsumed(reader)) }

    /// Expands the current element into a value tree (the reader frees it when moving on).
    func expand() -> XMLElementValue? {
        guard let node = xmlTextReaderExpand(reader) else { return nil }
        return LibXML.value(node)
    }

    /// Element node type.
    static let element: Int32 = 1
    /// Entity reference node type.
    static let entityReference: Int32 = 5
    /// Document type node type.
    static let documentType: Int32 = 10
}

/// Collects structured errors from C callbacks.
final class ProblemCollector {
    /// Problems in the order reported (at most 200).
    var problems: [XMLProblem] = []
    /// The reader whose position completes errors that carry no column (schema validity).
    var reader: xmlTextReaderPtr?
}

/// Glue between libxml2 and Swift values.
enum LibXML {
    /// Installs, once, an external entity loader that refuses every load (DTDs, entities,
    /// XIncludes, schema imports), so that no document can make libxml2 open a file or a URL.
    static let refuseExternalEntities: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { url, _, context in
            let name = url.map { String(cString: $0) } ?? "?"
            _ = name
            _ = context
            return nil
        }
    }()

    /// The structured error callback; `context` is an unretained ProblemCollector.
    static let collect: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let collector = Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue()
        guard collector.problems.count < 200 else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "unbekannter Fehler"
        message = message.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "{\(DirectoryXML.namespace)}", with: "")
        var line = Int(error.pointee.line)
        var column = Int(error.pointee.int2)
        if line == 0, let node = error.pointee.node {
            line = Int(xmlGetLineNo(node.assumingMemoryBound(to: xmlNode.self)))
            column = 0
        }
        if column == 0, let reader = collector.reader {
            // Schema errors found while streaming carry no column: use where the parser stands
            // (just after the offending element).
            line = Int(xmlTextReaderGetParserLineNumber(reader))
            column = Int(xmlTextReaderGetParserColumnNumber(reader))
        }
        collector.problems.append(XMLProblem(line: line, column: column, message: message))
    }

    /// A libxml2 string as Swift text.
    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Converts an element node and its element children.
    static func value(_ node: xmlNodePtr) -> XMLElementValue {
        var children: [XMLElementValue] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: children.append(value(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        var id: String?
        if let raw = xmlGetProp(node, "id") {
            id = String(cString: raw)
            free(raw)
        }
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        let namespace = node.pointee.ns?.pointee.href.map { String(cString: $0) }
        return XMLElementValue(name: name, namespace: namespace, id: id, line: Int(xmlGetLineNo(node)), text: text, children: children)
    }
}
