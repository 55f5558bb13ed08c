// KeyRing: the secrets of one Lotse installation, kept outside the database in a key file
// (mode 0600) in the state directory ($LOTSE_STATE_DIR, by default the database's directory):
// the audit key, which makes every audit-log link a MAC, and the signing keys of links and
// sessions — the current one and rotated-out ones that are still accepted until their grace
// period ends. A backup of the database alone holds no secret.
import Foundation

/// The key file of an installation.
public final class KeyRing: @unchecked Sendable {
    /// The key file's name in the state directory.
    public static let fileName = "lotse.keys"
    /// The environment variable naming the state directory.
    public static let environmentVariable = "LOTSE_STATE_DIR"
    /// Where a connection keeps its key ring (`Database.userInfo`).
    static let connectionKey = "lotse.keyring"
    /// Grace period of a rotated-out signing key, unless given.
    public static let defaultGrace: TimeInterval = 30 * 86_400

    /// One signing key.
    public struct SigningKey: Sendable, Equatable {
        /// The key bytes.
        public let key: [UInt8]
        /// Nil for the current key; for a rotated-out one, until when it is still accepted.
        public let acceptedUntil: Date?
    }

    /// The state directory.
    public let directory: String
    /// The audit key (never rotated: older audit rows are verified with it).
    let auditKey: [UInt8]
    /// A public fingerprint of the key file, recorded in the database (`lotse_meta.keyring_id`).
    public let id: String

    private let lock = NSLock()
    private var signing: [SigningKey]
    private var stamp: String

    /// The key file's path.
    public var path: String { directory + "/" + Self.fileName }

    private init(directory: String, auditKey: [UInt8], signing: [SigningKey], stamp: String) {
        self.directory = directory
        self.auditKey = auditKey
        self.signing = signing
        self.stamp = stamp
        self.id = Crypto.hex(Crypto.hmacSHA256(key: auditKey, message: Array("lotse-keyring-id".utf8))).prefix(16).description
    }

    /// The state directory for the database at `databasePath`: $LOTSE_STATE_DIR, else the
    /// database's own directory.
    public static func stateDirectory(forDatabase databasePath: String,
                                      environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let configured = environment[environmentVariable], !configured.isEmpty { return configured }
        let directory = (databasePath as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    /// Opens the key file in `directory`, creating the directory (0700) and a fresh key file
    /// (0600) when missing — unless the database already names a key file (`expectedID`), in
    /// which case a missing or different key file is refused.
    public static func open(directory: String, expectedID: String?) throws -> KeyRing {
        let path = directory + "/" + fileName
        if !FileManager.default.fileExists(atPath: path) {
            if let expectedID {
                throw LotseError(.unusableData, "Die Schlüsseldatei \(path) fehlt, die Datenbank wurde aber mit Schlüssel \(expectedID) geschrieben. "
                                 + "Bitte die Schlüsseldatei aus ihrer Sicherung zurücklegen (oder LOTSE_STATE_DIR richtig setzen).")
            }
            if !FileManager.default.fileExists(atPath: directory) {
                guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
                    throw LotseError(.unusableData, "Zustandsverzeichnis \(directory) kann nicht angelegt werden: \(String(cString: strerror(errno)))")
                }
            }
            let fresh = render(audit: Crypto.randomBytes(32), signing: [SigningKey(key: Crypto.randomBytes(32), acceptedUntil: nil)])
            try FileModes.writePrivate(fresh, to: path, replace: false)   // false: another process was first, read its file
        }
        let ring = try load(directory: directory)
        if let expectedID, ring.id != expectedID {
            throw LotseError(.unusableData, "Die Schlüsseldatei \(path) (Schlüssel \(ring.id)) gehört nicht zu dieser Datenbank (Schlüssel \(expectedID)). "
                             + "Bitte die passende Schlüsseldatei zurücklegen.")
        }
        return ring
    }

    private static func load(directory: String) throws -> KeyRing {
        let path = directory + "/" + fileName
        try FileModes.requirePrivate(path, what: "Schlüsseldatei")
        let (audit, signing, stamp) = try read(path)
        return KeyRing(directory: directory, auditKey: audit, signing: signing, stamp: stamp)
    }

    private static func read(_ path: String) throws -> ([UInt8], [SigningKey], String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LotseError(.unusableData, "Schlüsseldatei \(path) kann nicht gelesen werden (Rechte?).")
        }
        var audit: [UInt8]?
        var signing: [SigningKey] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.split(separator: " ").map(String.init)
            let key = fields.count >= 2 ? SignedLink.hexBytes(fields[1]) : []
            switch (fields.first, fields.count) {
            case ("audit", 2) where key.count == 32:
                audit = key
            case ("link", 3) where key.count == 32 && fields[2] == "current":
                signing.insert(SigningKey(key: key, acceptedUntil: nil), at: 0)
            case ("link", 4) where key.count == 32 && fields[2] == "until" && Timestamp.parse(fields[3]) != nil:
                signing.append(SigningKey(key: key, acceptedUntil: Timestamp.parse(fields[3])))
            default:
                throw LotseError(.unusableData, "Schlüsseldatei \(path) ist beschädigt (Zeile \(number + 1)).")
            }
        }
        guard let audit, signing.first?.acceptedUntil == nil, signing.filter({ $0.acceptedUntil == nil }).count == 1 else {
            throw LotseError(.unusableData, "Schlüsseldatei \(path) ist unvollständig (Protokollschlüssel oder aktueller Signaturschlüssel fehlt).")
        }
        return (audit, signing, Self.stamp(path))
    }

    private static func stamp(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "" }
        return "\(info.st_ino)-\(info.st_size)-\(info.st_mtim.tv_sec)-\(info.st_mtim.tv_nsec)"
    }

    private static func render(audit: [UInt8], signing: [SigningKey]) -> String {
        var lines = [
            "# Lotse-Schlüsseldatei: getrennt von der Datenbank sichern, nie weitergeben. Ohne sie lassen sich",
            "# das Zugriffsprotokoll nicht prüfen und versandte Links nicht mehr öffnen.",
            "audit \(Crypto.hex(audit))",
        ]
        for key in signing {
            if let until = key.acceptedUntil {
                lines.append("link \(Crypto.hex(key.key)) until \(Timestamp.string(until))")
            } else {
                lines.append("link \(Crypto.hex(key.key)) current")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The signing keys as the file holds them now (re-read when `lotse keys rotate` changed it).
    public func signingKeys() throws -> [SigningKey] {
        try lock.withLock {
            let current = Self.stamp(path)
            if current != stamp {
                let (audit, keys, fresh) = try Self.read(path)
                guard audit == auditKey else {
                    throw LotseError(.unusableData, "Schlüsseldatei \(path) wurde durch eine fremde ersetzt (anderer Protokollschlüssel).")
                }
                signing = keys
                stamp = fresh
            }
            return signing
        }
    }

    /// The key that signs new links.
    public func signingKey() throws -> [UInt8] {
        try signingKeys()[0].key
    }

    /// The keys a link is checked against at `now`: the current one and rotated-out ones
    /// within their grace period.
    public func verificationKeys(now: Date) throws -> [[UInt8]] {
        try signingKeys().filter { $0.acceptedUntil.map { $0 > now } ?? true }.map(\.key)
    }

    /// Replaces the current signing key by a fresh one; the old one is accepted for `grace`
    /// more, keys past their grace are dropped. Returns the kept keys.
    @discardableResult
    public func rotate(now: Date = Date(), grace: TimeInterval = KeyRing.defaultGrace) throws -> [SigningKey] {
        let old = try signingKeys()
        let kept = [SigningKey(key: Crypto.randomBytes(32), acceptedUntil: nil)]
            + old.map { $0.acceptedUntil == nil ? SigningKey(key: $0.key, acceptedUntil: now.addingTimeInterval(grace)) : $0 }
                .filter { ($0.acceptedUntil ?? now) > now }
        try FileModes.writePrivate(Self.render(audit: auditKey, signing: kept), to: path, replace: true)
        return kept
    }

}
