// Whole cards: version-specific properties, TYPE values, tel: and geo: URIs, REV formats.
import Testing
@testable import LotseCore

@Suite struct VCardWriterTests {
    let card = VCard(kind: .org, properties: [
        VCard.Property("UID", .uri("urn:uuid:0b4c2c1e-2f43-4a6c-9f0a-8d1c3e2b7a10")),
        VCard.Property("FN", .text("Wohnhilfe; Verein, Bremen")),
        VCard.Property("N", .structured(["", "", "", "", ""])),
        VCard.Property("ORG", .structured(["Wohnhilfe; Verein, Bremen"])),
        VCard.Property("ADR", types: ["work", "postal"], .structured(["", "Hinterhaus", "Am Wall 1", "Bremen", "Bremen", "28195", "Deutschland"])),
        VCard.Property("TEL", types: ["work", "text"], .telephone(number: "+49 421 12345", extension: "12")),
        VCard.Property("TEL", types: ["work", "textphone"], .telephone(number: "+49 421 999", extension: nil)),
        VCard.Property("EMAIL", types: ["work"], .text("info@example.org")),
        VCard.Property("GEO", .geo(latitude: 53.0793, longitude: 8.8017)),
        VCard.Property("CATEGORIES", .textList(["Wohnen", "Beratung, Hilfe"])),
        VCard.Property("REV", .timestamp("2026-11-01T08:00:00Z")),
    ])

    func lines(_ version: VCardVersion) -> [String] {
        String(decoding: VCardWriter(version: version).write(card), as: UTF8.self).components(separatedBy: "\r\n")
    }

    @Test func writesVersion3() {
        #expect(lines(.v3) == [
            "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Lotse//Verzeichnis//DE",
            "UID:urn:uuid:0b4c2c1e-2f43-4a6c-9f0a-8d1c3e2b7a10",
            "FN:Wohnhilfe\\; Verein\\, Bremen", "N:;;;;", "ORG:Wohnhilfe\\; Verein\\, Bremen",
            "ADR;TYPE=work,postal:;Hinterhaus;Am Wall 1;Bremen;Bremen;28195;Deutschland",
            "TEL;TYPE=work,msg:+49 421 12345-12", "TEL;TYPE=work:+49 421 999",
            "EMAIL;TYPE=internet:info@example.org", "GEO:53.0793;8.8017",
            "CATEGORIES:Wohnen,Beratung\\, Hilfe", "REV:2026-11-01T08:00:00Z", "END:VCARD", "",
        ])
    }

    @Test func writesVersion4() {
        #expect(lines(.v4) == [
            "BEGIN:VCARD", "VERSION:4.0", "PRODID:-//Lotse//Verzeichnis//DE", "KIND:org",
            "UID:urn:uuid:0b4c2c1e-2f43-4a6c-9f0a-8d1c3e2b7a10",
            "FN:Wohnhilfe; Verein\\, Bremen", "N:;;;;", "ORG:Wohnhilfe\\; Verein\\, Bremen",
            "ADR;TYPE=work:;Hinterhaus;Am Wall 1;Bremen;Bremen;28195;Deutschland",
            "TEL;VALUE=uri;TYPE=work,text:tel:+49-421-12345;ext=12", "TEL;VALUE=uri;TYPE=work,textphone:tel:+49-421-999",
            "EMAIL;TYPE=work:info@example.org", "GEO:geo:53.0793,8.8017",
            "CATEGORIES:Wohnen,Beratung\\, Hilfe", "REV:20261101T080000Z", "END:VCARD", "",
        ])
    }

    @Test func writesXCardWithSchemaTypesOnly() {
        let xml = XCardWriter.write(card)
        #expect(xml.contains("<fn><text>Wohnhilfe; Verein, Bremen</text></fn>"))
        #expect(xml.contains("<adr><parameters><type><text>work</text></type></parameters><pobox></pobox><ext>Hinterhaus</ext><street>Am Wall 1</street>"))
        #expect(xml.contains("<tel><parameters><type><text>work</text><text>text</text></type></parameters><uri>tel:+49-421-12345;ext=12</uri></tel>"))
        #expect(xml.contains("<geo><uri>geo:53.0793,8.8017</uri></geo>"))
        #expect(xml.contains("<categories><text>Wohnen</text><text>Beratung, Hilfe</text></categories>"))
        #expect(xml.contains("<rev><timestamp>20261101T080000Z</timestamp></rev>"))
        #expect(!xml.contains("postal"))
    }

    @Test func nonUUIDIdsGetAStableNameBasedUID() {
        let uid = VCardBuilder.uid("org-1")
        #expect(uid == VCardBuilder.uid("org-1") && uid != VCardBuilder.uid("org-2"))
        #expect(uid.hasPrefix("urn:uuid:") && UUID(uuidString: String(uid.dropFirst(9))) != nil)
        #expect(VCardBuilder.uid("0B4C2C1E-2F43-4A6C-9F0A-8D1C3E2B7A10") == "urn:uuid:0b4c2c1e-2f43-4a6c-9f0a-8d1c3e2b7a10")
    }

    @Test func splitsPersonalNamesOnlyWhenTheyAreTwoWords() {
        #expect(VCardBuilder.structuredName("Dr. Hauke Brüning") == ["Brüning", "Hauke", "", "Dr.", ""])
        #expect(VCardBuilder.structuredName("Team der Beratungsstelle") == ["Team der Beratungsstelle", "", "", "", ""])
    }
}

import Foundation
