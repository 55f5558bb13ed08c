// EmbeddedFiles: Templates/ and Seeds/ as built into the binary. The data is generated at build
// time (the EmbedResources plugin; the folders stay the source of truth); LotseCore's
// `Resources` is the only reader and decodes a file when it is asked for.
import Foundation

/// The files of Templates/ and Seeds/ at build time.
public enum EmbeddedFiles {
    /// Every embedded path ("Templates/layout.html", "Seeds/datapackage.json"), sorted.
    public static var paths: [String] { base64.keys.sorted() }

    /// The bytes of `path`, or nil when nothing is embedded there.
    public static func contents(_ path: String) -> [UInt8]? {
        guard let text = base64[path], let data = Data(base64Encoded: text) else { return nil }
        return [UInt8](data)
    }
}
