// StateMarker: remembers that a database lived at a path, so that a start does not seed a new
// one in its place.
import Foundation
import Testing
@testable import LotseCore

@Suite struct StateMarkerTests {
    @Test func aRecordedDatabaseIsNotRecreated() throws {
        let path = NSTemporaryDirectory() + "marker-\(UUID().uuidString).db"
        let marker = StateMarker(databasePath: path)
        defer { try? FileManager.default.removeItem(atPath: marker.path) }
        try marker.refuseToRecreate()   // a new machine: nothing recorded
        try marker.record()
        #expect(marker.databaseExisted)
        #expect {
            try marker.refuseToRecreate()
        } throws: { error in
            (error as? LotseError)?.kind == .conflict && "\(error)".contains("Sicherung")
        }
    }
}
