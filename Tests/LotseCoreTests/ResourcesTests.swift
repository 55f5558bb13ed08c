// Templates/ and Seeds/ built into the binary: the embedded tree is the folders, byte for byte
// (the build regenerates it from them), loads as templates and as the sample network, and
// LOTSE_HOME replaces it with a folder.
import Foundation
import Testing
@testable import LotseCore

@Suite struct ResourcesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test(arguments: ["Templates", "Seeds"])
    func embeddedFilesAreTheFolders(folder: String) throws {
        let disk = FileTree(folder: Self.repository + "/" + folder)
        let embedded = FileTree.embedded.subtree(folder)
        #expect(!disk.paths().isEmpty)
        #expect(embedded.paths() == disk.paths())
        for path in disk.paths() {
            #expect(embedded.contents(path) == disk.contents(path), "\(folder)/\(path) differs from the embedded copy")
        }
    }

    @Test func withoutLotseHomeTheEmbeddedFilesAreUsed() throws {
        let root = try Resources.root(environment: [:])
        #expect(root.folderPath == nil)
        #expect(root.subtree("Templates").origin == "eingebaut:Templates/")
        let library = try root.subtree("Templates").templateLibrary()
        #expect(library.names.contains("layout") && library.names.contains("mail/digest"))
        #expect(root.subtree("Templates").subtree("static").contents("lotse.css") != nil)
        #expect(root.subtree("Templates").contents("missing.html") == nil)
    }

    @Test func lotseHomeNamesTheFolder() throws {
        let root = try Resources.root(environment: ["LOTSE_HOME": Self.repository])
        #expect(root.folderPath == Self.repository)
        #expect(try root.subtree("Templates").templateLibrary().names == (try FileTree.embedded.subtree("Templates").templateLibrary().names))
    }

    @Test func lotseHomeWithoutTheFoldersIsAClearError() {
        let empty = FileManager.default.temporaryDirectory.path
        #expect(throws: LotseError.self) { try Resources.root(environment: ["LOTSE_HOME": empty]) }
    }

    @Test func embeddedSeedsLoadLikeTheFolder() throws {
        let embedded = try Fixture(vocabulary: false)
        let report = try SeedLoader.load(FileTree.embedded.subtree("Seeds"), into: embedded.store)
        #expect(report.committed && report.problemCount == 0, "\(report.summary)")
        let folder = try Fixture(vocabulary: false)
        try SeedLoader.load(from: Self.repository + "/Seeds", into: folder.store)
        #expect(try ExportFixture.fingerprint(embedded) == ExportFixture.fingerprint(folder))
    }
}
