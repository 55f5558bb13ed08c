// The binary alone: `lotse` copied into an empty folder and run there without LOTSE_HOME finds
// its templates, XSD and sample network inside itself (docs/operations.md). The release build
// with the static runtime is checked the same way by .ci/checks/binary.sh.
import Foundation
import Testing

@Suite struct StandaloneBinaryTests {
    @Test func aCopiedBinaryRunsWithoutTheCheckout() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("lotse")
        try FileManager.default.copyItem(at: LotseProcess.executable, to: binary)

        func run(_ arguments: [String], stdin: String = "") throws -> LotseRun {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = folder
            process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path]
            let out = Pipe(), err = Pipe(), input = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            let errData = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return LotseRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                            stderr: String(decoding: errData, as: UTF8.self))
        }

        let initialized = try run(["init", "--db", "lotse.db"])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(initialized.stdout.contains("Organisationen"))
        let page = try run(["http", "--db", "lotse.db"], stdin: "GET /anmelden HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(page.status == 0 && page.stdout.contains("type=\"password\""), "\(page.stderr)")
        let export = try run(["export", "xml", "--db", "lotse.db", "--out", "v.xml"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try run(["init", "--empty", "--db", "leer.db"]).status == 0)
        let imported = try run(["import", "xml", "v.xml", "--db", "leer.db"])
        #expect(imported.status == 0, "\(imported.stderr)")
    }
}
