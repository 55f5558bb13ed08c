// FileOps: the file steps of backup and restore — private (0600) files, fsync, atomic renames,
// and moving an SQLite file together with its -wal and -shm companions.
import Foundation

enum FileOps {
    static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A hidden name in the same directory as `path` (so a rename stays on one file system).
    static func sibling(of path: String, suffix: String) -> String {
        let name = (path as NSString).lastPathComponent
        return (directory(of: path) as NSString).appendingPathComponent(".\(name).\(suffix)")
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
    }

    /// Creates an empty file readable and writable by its owner only; refuses an existing one.
    static func createPrivateFile(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LotseError(.unusableData, "\(path) kann nicht angelegt werden: \(String(cString: strerror(errno))).")
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
    }

    /// Copies `source` into the new private file `destination` and syncs it to disk.
    static func copyPrivately(_ source: String, to destination: String) throws {
        try createPrivateFile(destination)
        guard let input = FileHandle(forReadingAtPath: source) else {
            throw LotseError(.unusableData, "\(source) kann nicht gelesen werden (Rechte?).")
        }
        defer { try? input.close() }
        guard let output = FileHandle(forWritingAtPath: destination) else {
            throw LotseError(.unusableData, "\(destination) kann nicht geschrieben werden.")
        }
        defer { try? output.close() }
        while true {
            let chunk = try input.read(upToCount: 4 << 20) ?? Data()
            if chunk.isEmpty { break }
            try output.write(contentsOf: chunk)
        }
        try output.synchronize()
    }

    static func syncFile(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 {
            throw LotseError(.unusableData, "\(path) konnte nicht auf die Platte geschrieben werden: \(String(cString: strerror(errno))).")
        }
    }

    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// rename(2): atomic within one file system.
    static func rename(_ source: String, to destination: String) throws {
        if Foundation.rename(source, destination) != 0 {
            throw LotseError(.unusableData, "\(source) kann nicht in \(destination) umbenannt werden: \(String(cString: strerror(errno))).")
        }
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Removes an SQLite file and its -wal, -shm and -journal companions, if any.
    static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
