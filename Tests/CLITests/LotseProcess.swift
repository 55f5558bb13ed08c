// LotseProcess: runs the built `lotse` (or `lotse-bench`) binary as a real process and captures
// its output.
import Foundation

/// The result of one `lotse` run.
struct LotseRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Helpers to run the binary built next to the test bundle.
enum LotseProcess {
    /// The repository root (the folder with Package.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `lotse` executable: beside the test bundle, else in .build/debug.
    static var executable: URL { executable("lotse") }

    /// The executable `program` (`lotse`, `lotse-bench`): beside the test bundle, else in .build/debug.
    static func executable(_ program: String) -> URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(program)
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return root.appendingPathComponent(".build/debug/\(program)")
    }

    /// Runs `program` (default `lotse`) with `arguments`, optional stdin bytes and extra environment.
    static func run(_ arguments: [String], program: String = "lotse", stdin: [UInt8]? = nil,
                    environment: [String: String] = [:]) throws -> LotseRun {
        let process = Process()
        process.executableURL = executable(program)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LOTSE_HOME"] = root.path
        env.removeValue(forKey: "LOTSE_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return LotseRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                        stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary database path (not created).
    static func temporaryDatabase() -> String {
        NSTemporaryDirectory() + "lotse-cli-\(UUID().uuidString).db"
    }
}
