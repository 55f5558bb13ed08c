// LineReader: reads a file line by line in fixed chunks with constant memory (JSON lines
// imports), counting lines and bytes for messages and progress.
import Foundation

/// Reads LF-terminated lines (a trailing CR is dropped) from a file.
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    /// Bytes consumed so far.
    private(set) var bytesRead = 0
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0
    /// The file size.
    let totalBytes: Int
    /// Longest accepted line; a longer one is an error.
    let maximumLineLength: Int

    /// Opens `path`; lines longer than `maximumLineLength` bytes are an error.
    init(path: String, maximumLineLength: Int = 64 << 20) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LotseError(.notFound, "Datei \(path) kann nicht gelesen werden.")
        }
        self.handle = handle
        self.maximumLineLength = maximumLineLength
        totalBytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    deinit { try? handle.close() }

    /// The next line without its line end, or nil at the end of the file.
    func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 10) {
                var end = newline
                if end > position && buffer[end - 1] == 13 { end -= 1 }
                let line = buffer[position..<end]
                bytesRead += newline + 1 - position
                position = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let line = buffer[position...]
                bytesRead += buffer.count - position
                position = buffer.count
                lineNumber += 1
                return line
            }
            if buffer.count - position > maximumLineLength {
                throw LotseError(.invalidInput, "Zeile \(lineNumber + 1) ist länger als \(maximumLineLength / (1 << 20)) MB")
            }
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
