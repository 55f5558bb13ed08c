// ExportSink: where an export writes its bytes — a file, stdout, an HTTP body or memory —
// through a fixed-size buffer, so that exports of any size run in constant memory.
import Foundation

/// A buffered byte destination. Not thread-safe; one export writes to one sink.
public final class ExportSink {
    private var buffer: [UInt8] = []
    private let chunkSize: Int
    private let emit: (UnsafeRawBufferPointer) throws -> Void
    /// Bytes accepted so far.
    public private(set) var bytesWritten = 0

    /// A sink that hands full chunks of `chunkSize` bytes (and the rest on `finish`) to `emit`.
    public init(chunkSize: Int = 64 * 1024, emit: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.chunkSize = chunkSize
        self.emit = emit
        buffer.reserveCapacity(chunkSize)
    }

    /// A sink writing to an open file handle (e.g. standard output).
    public static func file(_ handle: FileHandle) -> ExportSink {
        ExportSink { bytes in try handle.write(contentsOf: Data(bytes)) }
    }

    /// Writes bytes.
    public func write(_ bytes: [UInt8]) throws {
        bytesWritten += bytes.count
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Writes text as UTF-8.
    public func write(_ text: String) throws {
        var text = text
        let count = text.utf8.count
        bytesWritten += count
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= chunkSize { try flush() }
    }

    /// Hands what is buffered to the destination.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try emit($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes; call once at the end.
    public func finish() throws { try flush() }
}

/// Collects the bytes of a sink in memory (tests, small single-organization downloads).
public final class MemoryExport {
    /// The bytes written so far (after `sink.finish()`).
    public private(set) var bytes: [UInt8] = []
    /// The sink to write to.
    public private(set) lazy var sink = ExportSink { [unowned self] chunk in self.bytes.append(contentsOf: chunk) }

    /// Creates an empty collector.
    public init() {}

    /// The bytes as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
