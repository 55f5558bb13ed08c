// Resources: finds the `Seeds/` and `Templates/` folders that ship beside the binary's
// package (LOTSE_HOME, else upwards from the executable, else upwards from the working
// directory).
import Foundation

/// Locates Lotse's data folders.
public enum Resources {
    /// The folder holding `Seeds/` and `Templates/`. Throws a clear error when none is found.
    public static func root(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let home = environment["LOTSE_HOME"], !home.isEmpty {
            guard isRoot(home) else {
                throw LotseError(.notFound, "LOTSE_HOME=\(home) enthält keine Ordner Seeds/ und Templates/.")
            }
            return home
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent().path
        for start in [executable, FileManager.default.currentDirectoryPath] {
            var directory = start
            for _ in 0..<6 {
                if isRoot(directory) { return directory }
                let parent = (directory as NSString).deletingLastPathComponent
                if parent == directory { break }
                directory = parent
            }
        }
        throw LotseError(.notFound, "Ordner Seeds/ und Templates/ nicht gefunden. Im Projektordner starten oder LOTSE_HOME setzen.")
    }

    /// The `Seeds/` folder.
    public static func seeds() throws -> String { (try root() as NSString).appendingPathComponent("Seeds") }

    /// The `Templates/` folder.
    public static func templates() throws -> String { (try root() as NSString).appendingPathComponent("Templates") }

    private static func isRoot(_ directory: String) -> Bool {
        var isDirectory: ObjCBool = false
        let seeds = (directory as NSString).appendingPathComponent("Seeds")
        let templates = (directory as NSString).appendingPathComponent("Templates")
        return FileManager.default.fileExists(atPath: seeds, isDirectory: &isDirectory) && isDirectory.boolValue
            && FileManager.default.fileExists(atPath: templates, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
