// APIPage: the HSDS `Page` envelope (total_items, total_pages, page_number, size, first_page,
// last_page, empty, contents) and the ndjson stream that `format=ndjson` asks for.
import HTTP
import LotseCore

/// Writes paged and streamed API responses.
enum APIPage {
    /// A page of already-encoded JSON objects.
    static func response(total: Int, page: Int, perPage: Int, items: [[UInt8]]) -> Response {
        var writer = JSONWriter(capacity: items.reduce(256) { $0 + $1.count + 1 })
        let pages = total == 0 ? 0 : (total + perPage - 1) / perPage
        writer.beginObject()
        writer.key("total_items"); writer.number(total)
        writer.key("total_pages"); writer.number(pages)
        writer.key("page_number"); writer.number(page)
        writer.key("size"); writer.number(items.count)
        writer.key("first_page"); writer.bool(page == 1)
        writer.key("last_page"); writer.bool(page >= pages)
        writer.key("empty"); writer.bool(total == 0)
        writer.key("contents")
        writer.beginArray()
        for item in items { writer.raw(item) }
        writer.endArray()
        writer.endObject()
        return .json(bytes: writer.bytes)
    }

    /// One JSON object per line, streamed (`application/x-ndjson`).
    static func ndjson(_ produce: @escaping @Sendable (_ emit: (_ line: [UInt8]) throws -> Void) throws -> Void) -> Response {
        var response = Response(status: 200, body: .stream({ writer in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 16)
            try produce { line in
                buffer.append(contentsOf: line)
                buffer.append(10)
                if buffer.count >= 1 << 16 {
                    try writer.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if !buffer.isEmpty { try writer.write(buffer) }
        }))
        response.headers["Content-Type"] = "application/x-ndjson; charset=utf-8"
        return response
    }
}
