// CSVReader: streams RFC 4180 records from a file or bytes with constant memory, tracking the
// line each record starts on, so that every problem can be reported as "file line N".
import Foundation

/// A structural CSV problem that ends reading (unterminated quote, stray characters after a
/// closing quote, a broken byte order mark).
public struct CSVError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The 1-based line where the broken record starts.
    public let line: Int
    /// German description.
    public let message: String

    public var description: String { "Zeile \(line): \(message)" }
}

/// One CSV record.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based line where the record starts.
    public let line: Int
    /// The decoded fields.
    public let fields: [String]
    /// The 1-based number of the first field that was not valid UTF-8 (its text is replaced),
    /// or nil.
    public let invalidEncodingField: Int?
}

/// Reads CSV records one at a time: comma separated, double-quoted fields may contain commas,
/// quotes (doubled) and line breaks; CRLF or LF line ends; a UTF-8 byte order mark is skipped.
public final class CSVReader {
    private let file: FileHandle?
    private var buffer: [UInt8]
    private var position = 0
    private var atEnd: Bool
    private var line = 1
    /// Bytes consumed so far (for progress).
    public private(set) var bytesRead = 0
    /// Total size when reading a file or bytes.
    public let totalBytes: Int
    private var first = true

    /// Opens a file for reading.
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LotseError(.notFound, "Datei \(path) kann nicht gelesen werden.")
        }
        file = handle
        buffer = []
        atEnd = false
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        totalBytes = (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8]) {
        file = nil
        buffer = bytes
        atEnd = true
        totalBytes = bytes.count
    }

    deinit { try? file?.close() }

    private func refill() -> Bool {
        guard !atEnd, let file else { return false }
        let chunk = file.readData(ofLength: 1 << 16)
        if chunk.isEmpty { atEnd = true; return false }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: chunk)
        return true
    }

    @inline(__always)
    private func peek() -> UInt8? {
        if position < buffer.count { return buffer[position] }
        return refill() && position < buffer.count ? buffer[position] : nil
    }

    @inline(__always)
    private func advance() {
        position += 1
        bytesRead += 1
    }

    /// The next record, or nil at the end. An empty line yields a record with one empty field.
    public func next() throws -> CSVRecord? {
        if first {
            first = false
            if peek() == 0xEF {
                advance()
                guard peek() == 0xBB else { throw CSVError(line: 1, message: "Datei ist nicht UTF-8-kodiert") }
                advance()
                guard peek() == 0xBF else { throw CSVError(line: 1, message: "Datei ist nicht UTF-8-kodiert") }
                advance()
            }
        }
        guard peek() != nil else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var invalidField: Int?
        field.reserveCapacity(64)
        func finishField() {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                if invalidField == nil { invalidField = fields.count + 1 }
                fields.append(String(decoding: field, as: UTF8.self))
            }
            field.removeAll(keepingCapacity: true)
        }
        func record() -> CSVRecord { CSVRecord(line: startLine, fields: fields, invalidEncodingField: invalidField) }
        while true {
            guard let byte = peek() else {
                finishField()
                return record()
            }
            if byte == UInt8(ascii: "\"") && field.isEmpty {
                advance()
                // Quoted field.
                while true {
                    guard let inner = peek() else {
                        throw CSVError(line: startLine, message: "Anführungszeichen wird nicht geschlossen")
                    }
                    advance()
                    if inner == UInt8(ascii: "\"") {
                        if peek() == UInt8(ascii: "\"") {
                            advance()
                            field.append(inner)
                        } else {
                            break
                        }
                    } else {
                        if inner == 10 { line += 1 }
                        field.append(inner)
                    }
                }
                switch peek() {
                case nil, UInt8(ascii: ","), 10, 13: break
                default:
                    throw CSVError(line: line, message: "unerwartetes Zeichen nach schließendem Anführungszeichen in Feld \(fields.count + 1)")
                }
                continue
            }
            advance()
            switch byte {
            case UInt8(ascii: ","):
                finishField()
            case 13:
                if peek() == 10 { advance() }
                line += 1
                finishField()
                return record()
            case 10:
                line += 1
                finishField()
                return record()
            default:
                field.append(byte)
            }
        }
    }
}
