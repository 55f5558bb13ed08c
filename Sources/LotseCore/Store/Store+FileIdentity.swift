// Store+FileIdentity: notices when the database file is deleted or replaced under a running
// process. SQLite keeps writing to the file it opened, so without this check writes would be
// acknowledged and then lost (the deleted inode vanishes at exit; a replaced file never sees
// them). The identity — device, inode and the header's application id — is taken at open and
// compared before every write transaction and by `fileIdentityProblem()` (for health checks).
import Foundation
import SQLite

/// Device, inode and application id of a database file.
struct DatabaseFileIdentity: Sendable, Equatable {
    let device: UInt64
    let inode: UInt64
    /// Bytes 68–71 of the SQLite header; 0 until a new database is first checkpointed.
    let applicationID: Int32

    /// Reads the identity of the file at `path`, or a German reason why there is no usable one.
    static func read(path: String) -> Result<DatabaseFileIdentity, StorageTrouble> {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return .failure(StorageTrouble(.fileReplaced, "Die Datenbankdatei \(path) fehlt (gelöscht oder verschoben)."))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(StorageTrouble(.fileReplaced, "Die Datenbankdatei \(path) kann nicht mehr gelesen werden: \(String(cString: strerror(errno)))."))
        }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 72)
        let count = header.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 72, 0) }
        guard count == 72, header.prefix(16).elementsEqual("SQLite format 3\0".utf8) else {
            return .failure(StorageTrouble(.fileReplaced, "Die Datenbankdatei \(path) ist keine SQLite-Datenbank mehr (überschrieben oder abgeschnitten)."))
        }
        let applicationID = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return .success(DatabaseFileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
                                             applicationID: Int32(bitPattern: applicationID)))
    }

    /// Nil when `current` is still the file this identity was taken from; otherwise the
    /// German reason.
    func problem(comparedWith current: DatabaseFileIdentity, path: String) -> StorageTrouble? {
        if current.device != device || current.inode != inode {
            return StorageTrouble(.fileReplaced, "Die Datenbankdatei \(path) wurde durch eine andere Datei ersetzt.")
        }
        if current.applicationID != applicationID && current.applicationID != Schema.applicationID {
            return StorageTrouble(.fileReplaced, "Die Datenbankdatei \(path) wurde mit einer fremden Datenbank überschrieben (application_id \(current.applicationID)).")
        }
        return nil
    }
}

extension Store {
    /// Nil while the file at `path` is the one this store opened; otherwise the trouble
    /// (deleted, replaced, overwritten) in German. Cheap (a stat and a 72-byte read); every
    /// write runs the same check first and is refused with this trouble.
    public func fileIdentityProblem() -> StorageTrouble? {
        do {
            try pool.runWriteCheck()
            return nil
        } catch {
            return StorageTrouble(error)
        }
    }

    /// Takes the file's identity now and refuses every later write once the file at `path` is
    /// no longer that file, logging each refusal on stderr. In-memory databases are not
    /// watched.
    func watchFileIdentity() throws {
        guard path != ":memory:", !path.isEmpty else { return }
        let expected = try DatabaseFileIdentity.read(path: path).get()
        let path = self.path
        pool.checkBeforeEachWrite {
            let trouble: StorageTrouble?
            switch DatabaseFileIdentity.read(path: path) {
            case .success(let current): trouble = expected.problem(comparedWith: current, path: path)
            case .failure(let failure): trouble = failure
            }
            guard let trouble else { return }
            let full = StorageTrouble(.fileReplaced, trouble.message + " Schreibzugriffe werden abgelehnt, damit nichts bestätigt und dann verloren wird. Datenbank wiederherstellen und Lotse neu starten.")
            FileHandle.standardError.write(Data("LOTSE FEHLER: \(full.message)\n".utf8))
            throw full
        }
    }
}
