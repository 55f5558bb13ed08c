// PeakMemoryReport: the benchmark hook LOTSE_PEAK_MEMORY_FILE. `lotse export` and `lotse import`
// write their own peak RSS (VmHWM) to that file when it is set; `lotse-bench export` sets it and
// reads the figure back. Harmless in production (nothing happens unless the variable is set).
import Foundation
import LotseCore

/// The peak memory report of a measured child process. A child's wait4 figure is not used,
/// because Linux carries the parent's high-water mark across the spawn's exec.
public enum PeakMemoryReport {
    /// The environment variable naming the report file.
    public static let variable = "LOTSE_PEAK_MEMORY_FILE"

    /// Writes this process's peak RSS in bytes when asked to.
    public static func writeIfAsked(_ console: Console) {
        guard let path = console.environment[variable], !path.isEmpty else { return }
        try? String(ProcessMemory.peakResident).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Reads and removes a report.
    public static func read(_ path: String) -> Int? {
        defer { try? FileManager.default.removeItem(atPath: path) }
        return (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int($0) }
    }
}
