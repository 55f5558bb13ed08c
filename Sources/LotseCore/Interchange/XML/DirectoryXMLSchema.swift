// DirectoryXMLSchema: generates the XSD of the directory XML from the table definitions, so
// that the schema shipped in Templates/static/schema/lotse-verzeichnis-1.xsd cannot drift from
// Schema.swift (a test compares the two).

/// The XSD of the directory XML.
public enum DirectoryXMLSchema {
    /// The XSD text for `specs`.
    public static func generate(_ specs: TableSpecs) -> String {
        let ns = DirectoryXML.namespace
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Lotse directory XML, version 1: HSDS 3.1 objects plus the German profile (lotse-de).
                 One element per object, named like its HSDS table, with the id as attribute and each
                 other field as a child element in this order; absent element = empty (NULL).
                 Generated from Sources/LotseCore/Schema.swift by DirectoryXMLSchema.generate. -->
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="\(ns)" targetNamespace="\(ns)"
                       elementFormDefault="qualified" version="1">

              <xs:element name="\(DirectoryXML.rootElement)">
                <xs:complexType>
                  <xs:sequence>

            """
        for table in DirectoryXML.vocabularyTables + ["organization"] {
            out += "          <xs:element name=\"\(table)\" type=\"\(table)\" minOccurs=\"0\" maxOccurs=\"unbounded\"/>\n"
        }
        out += """
                  </xs:sequence>
                  <xs:attribute name="version" type="xs:string" use="required" fixed="1"/>
                  <xs:attribute name="hsds_version" type="xs:string"/>
                  <xs:attribute name="created" type="xs:dateTime"/>
                </xs:complexType>
              </xs:element>

              <xs:simpleType name="id">
                <xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="200"/></xs:restriction>
              </xs:simpleType>
              <xs:simpleType name="time">
                <xs:restriction base="xs:string"><xs:pattern value="([01][0-9]|2[0-4]):[0-5][0-9](:[0-5][0-9])?"/></xs:restriction>
              </xs:simpleType>
              <xs:simpleType name="flag">
                <xs:restriction base="xs:string"><xs:enumeration value="0"/><xs:enumeration value="1"/></xs:restriction>
              </xs:simpleType>

            """
        for table in DirectoryXML.vocabularyTables + ["organization"] + DirectoryXML.organizationTables {
            guard let spec = specs.table(table) else { continue }
            out += "\n  <xs:complexType name=\"\(table)\">\n    <xs:sequence>\n"
            for column in spec.columns where column.name != "id" {
                out += "      " + element(column) + "\n"
            }
            if table == "organization" {
                for child in DirectoryXML.organizationTables {
                    out += "      <xs:element name=\"\(child)\" type=\"\(child)\" minOccurs=\"0\" maxOccurs=\"unbounded\"/>\n"
                }
            }
            out += "    </xs:sequence>\n    <xs:attribute name=\"id\" type=\"id\" use=\"required\"/>\n  </xs:complexType>\n"
        }
        return out + "</xs:schema>\n"
    }

    private static func element(_ column: ColumnSpec) -> String {
        let occurs = column.required ? "" : " minOccurs=\"0\""
        let type: String
        switch column.kind {
        case .text: type = column.references != nil ? "id" : "xs:string"
        case .integer: type = "xs:integer"
        case .real: type = "xs:double"
        case .date: type = "xs:date"
        case .datetime: type = "xs:dateTime"
        case .time: type = "time"
        case .boolean: type = "flag"
        case .enumeration(let values):
            let options = values.map { "<xs:enumeration value=\"\(XMLText.escape($0))\"/>" }.joined()
            return "<xs:element name=\"\(column.name)\"\(occurs)><xs:simpleType><xs:restriction base=\"xs:string\">\(options)</xs:restriction></xs:simpleType></xs:element>"
        }
        return "<xs:element name=\"\(column.name)\" type=\"\(type)\"\(occurs)/>"
    }
}
