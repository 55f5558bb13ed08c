// ProcessMemory: resident and peak resident memory of this process, from /proc (Linux).
import Foundation

/// Memory figures of the running process.
public enum ProcessMemory {
    /// Current resident set size in bytes (VmRSS), or 0 when unknown.
    public static var resident: Int { value("VmRSS:") }
    /// Peak resident set size in bytes (VmHWM), or 0 when unknown.
    public static var peakResident: Int { value("VmHWM:") }

    private static func value(_ key: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(key) {
            let digits = line.dropFirst(key.count).filter(\.isNumber)
            return (Int(String(digits)) ?? 0) * 1024
        }
        return 0
    }
}
