// FileModes: Lotse's files (database, WAL, SHM, key file, checkpoints, backups) are private to
// the service account: the process creates files 0600 (umask 077), and a file that others may
// read or write is refused before it is used.
import Foundation

/// Private file modes.
public enum FileModes {
    /// Restricts the process's umask to 077, so every file Lotse creates afterwards (SQLite's
    /// WAL and SHM, key and checkpoint files, backups, exports) is private. Idempotent.
    public static func restrictUmask() {
        umask(0o077)
    }

    /// Throws a German error when the file at `path` exists and its group or others have any
    /// permission; `what` names the file ("Datenbank", "Schlüsseldatei").
    public static func requirePrivate(_ path: String, what: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let mode = Int(info.st_mode) & 0o777
        if mode & 0o077 != 0 {
            throw LotseError(.unusableData, "\(what) \(path) ist für andere Benutzer lesbar (Rechte \(String(format: "%04o", mode))). "
                             + "Lotse startet so nicht: bitte mit »chmod 600 \(path)« beschränken.")
        }
    }

    /// Sets an existing file to 0600 (for a file Lotse is about to create content in).
    static func makePrivate(_ path: String) {
        chmod(path, 0o600)
    }

    /// Writes `text` to a new private file beside `path` and moves it into place: with
    /// `replace`, over an existing file (rename); otherwise only when `path` does not exist
    /// yet (link), returning false when another process was first.
    @discardableResult
    static func writePrivate(_ text: String, to path: String, replace: Bool) throws -> Bool {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw LotseError(.unusableData, "\(path) kann nicht geschrieben werden: \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        defer { unlink(temporary) }
        guard written == bytes.count, synced == 0 else {
            throw LotseError(.unusableData, "\(path) kann nicht geschrieben werden: \(String(cString: strerror(errno)))")
        }
        if replace {
            guard rename(temporary, path) == 0 else {
                throw LotseError(.unusableData, "\(path) kann nicht ersetzt werden: \(String(cString: strerror(errno)))")
            }
            return true
        }
        if link(temporary, path) == 0 { return true }
        if errno == EEXIST { return false }
        throw LotseError(.unusableData, "\(path) kann nicht angelegt werden: \(String(cString: strerror(errno)))")
    }

    /// Appends `line` to the private file at `path` (created 0600 when missing).
    static func appendPrivate(_ line: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw LotseError(.unusableData, "\(path) kann nicht geschrieben werden: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw LotseError(.unusableData, "\(path) kann nicht geschrieben werden: \(String(cString: strerror(errno)))")
        }
    }
}
