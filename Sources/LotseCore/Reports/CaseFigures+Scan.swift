// CaseFigures+Scan: the leaf counts of the cases opened in a period — (need, area, month,
// outcome) → cases — read without walking every group through the group index. Most groups hold
// one referral: those are counted straight from the report's covering index (created_at, area,
// needs, status, reason), one row per case, looked up by bytes without a String per row. Only
// groups with several referrals (found on the group index alone) are read member by member.
// The result equals reading every group in group order: a case is counted by its group's first
// referral (the earliest; the lowest rowid among equal times), and a need unknown to the
// taxonomy is numbered by its first case in group order.
import Foundation
import SQLite

extension CaseFigures {
    /// Leaf counts of the cases opened in one period.
    struct Scan {
        /// Need numbers from here on stand for `unknownNeeds[number - unknownBase]`.
        static let unknownBase = 1 << 24
        /// Needs unknown to the taxonomy, in the order of their first case in group order.
        private(set) var unknownNeeds: [String] = []
        /// Counts per ((need slot × areas + area) × 12 + month − 1) × 3 + outcome − 1, where a
        /// slot is a known need node or `knownNeeds` + an unknown need in order of discovery.
        private var counts: [Int32] = []
        private let knownNeeds: Int
        private let areas: Int
        /// The rank of each unknown need (by order of discovery) in `unknownNeeds`.
        private var rank: [Int] = []

        /// One offer of a group.
        private struct Member {
            let created: String
            let area: Int
            let needs: [Int]
            let status: StatusClass
            let siblingAccepted: Bool
        }

        /// What an offer's status says about its need.
        enum StatusClass { case met, open, other }

        /// Scans the referrals of groups opened in `period` on `db`. `areaOf` gives the leaf
        /// area node of a Sozialraum id (also for an unknown or empty one), `needOf` the node of
        /// a known need code; `needCount` and `areaCount` are the numbers of nodes.
        init(_ db: Database, period: ReportPeriod, areaOf: (String) -> Int, needOf: (String) -> Int?,
             needCount: Int, areaCount: Int) throws {
            knownNeeds = needCount
            areas = areaCount
            var counts = [Int32](repeating: 0, count: needCount * areaCount * 36)
            let from = period.from, until = period.until
            // Unknown needs in order of discovery, with their first case (group id, position of
            // the need among the group's needs; -1 while none).
            var discovered: [(code: String, group: [UInt8], position: Int)] = []
            var discoveredSlot: [String: Int] = [:]
            /// The node of `code`, or -1 − the discovery slot of an unknown need.
            func need(_ code: String) -> Int {
                if let node = needOf(code) { return node }
                if let known = discoveredSlot[code] { return -1 - known }
                discoveredSlot[code] = discovered.count
                discovered.append((code, [], -1))
                return -discovered.count
            }
            /// Remembers a case of unknown need `slot`, keeping the first (smallest group id, then position).
            func note(_ slot: Int, group: [UInt8], position: Int) {
                let known = discovered[slot]
                if known.position < 0 || group.lexicographicallyPrecedes(known.group) || (group == known.group && position < known.position) {
                    discovered[slot] = (known.code, group, position)
                }
            }
            /// Counts one case.
            func add(_ need: Int, area: Int, month: Int, outcome: Outcome) {
                let slot = need >= 0 ? need : needCount - 1 - need
                let block = areaCount * 36
                while counts.count < (slot + 1) * block { counts.append(contentsOf: repeatElement(0, count: block)) }
                counts[((slot * areaCount + area) * 12 + month - 1) * 3 + outcome.rawValue - 1] += 1
            }

            // Groups with more than one referral (any status), from the group index alone.
            var multipleOf: [Int: Int] = [:], groupIDs: [String] = []
            try db.prepare("SELECT group_id, group_concat(rowid) FROM referral GROUP BY group_id HAVING count(*) > 1").forEach { row in
                for rowid in row.string(1).split(separator: ",") { if let rowid = Int(rowid) { multipleOf[rowid] = groupIDs.count } }
                groupIDs.append(row.string(0))
            }

            // Single referrals opened in the period: each is its group's first and only offer.
            var areaTable = ByteKeyTable(), areaNodes: [Int] = []
            var needTable = ByteKeyTable(), needLists: [[Int]] = []
            var statusTable = ByteKeyTable(), statusClasses: [StatusClass] = []
            for status in ReferralStatus.allCases {
                statusTable.insert(status.rawValue)
                statusClasses.append(CaseFigures.metStatuses.contains(status.rawValue) ? .met
                                     : CaseFigures.openStatuses.contains(status.rawValue) ? .open : .other)
            }
            var openedGroups = Set<Int>()
            let groupOfRow = try db.prepare("SELECT group_id FROM referral WHERE rowid = ?")
            try db.prepare("""
                SELECT rowid, created_at, sozialraum_id, needs, status, reason FROM referral
                WHERE status NOT IN ('draft', 'entered-in-error') AND created_at >= ? AND created_at < ?
                """).forEach([from, until]) { row in
                let rowid = row.int(0)
                if let group = multipleOf[rowid] { openedGroups.insert(group); return }
                let month: Int? = row.withUTF8(1) { created in
                    if created.contains(where: { $0 >= 0x80 }) {   // not ASCII: compare as the group reader does
                        let text = String(decoding: created, as: UTF8.self)
                        return text >= from && text < until ? Self.month(text) : nil
                    }
                    return Self.month(created)
                }
                guard let month else { return }
                let area: Int = row.withUTF8(2) { bytes in
                    if let known = areaTable.find(bytes) { return areaNodes[known] }
                    areaTable.insert(bytes)
                    areaNodes.append(areaOf(String(decoding: bytes, as: UTF8.self)))
                    return areaNodes[areaNodes.count - 1]
                }
                let list: Int = row.withUTF8(3) { bytes in
                    if let known = needTable.find(bytes) { return known }
                    needTable.insert(bytes)
                    needLists.append(String(decoding: bytes, as: UTF8.self).split(separator: ",").map { need(String($0)) })
                    return needLists.count - 1
                }
                let sibling = row.withUTF8(5) { Self.equals($0, "sibling-accepted") }
                let status = sibling ? StatusClass.met : row.withUTF8(4) { statusTable.find($0).map { statusClasses[$0] } ?? .other }
                let outcome: Outcome = status == .met ? .met : status == .open ? .open : .unmet
                var seen: [Int] = []
                var groupID: [UInt8]?
                for code in needLists[list] where !seen.contains(code) {
                    if code < 0 {
                        if groupID == nil { groupID = try groupOfRow.first([rowid]) { Array($0.string(0).utf8) } ?? [] }
                        note(-1 - code, group: groupID ?? [], position: seen.count)
                    }
                    seen.append(code)
                    add(code, area: area, month: month, outcome: outcome)
                }
            }

            // Groups of several referrals with an offer in the period: read member by member.
            let members = try db.prepare("""
                SELECT created_at, sozialraum_id, needs, status, reason FROM referral
                WHERE group_id = ? AND status NOT IN ('draft', 'entered-in-error') ORDER BY rowid
                """)
            for group in openedGroups.sorted() {
                let offers = try members.map([groupIDs[group]]) { row in
                    let status = row.string(3)
                    return Member(created: row.string(0), area: areaOf(row.string(1)), needs: row.string(2).split(separator: ",").map { need(String($0)) },
                                  status: CaseFigures.metStatuses.contains(status) ? .met : CaseFigures.openStatuses.contains(status) ? .open : .other,
                                  siblingAccepted: row.optionalString(4) == "sibling-accepted")
                }
                guard let first = offers.min(by: { $0.created < $1.created }), first.created >= from, first.created < until,
                      let month = Self.month(first.created) else { continue }
                var needs: [Int] = []
                for offer in offers { for need in offer.needs where !needs.contains(need) { needs.append(need) } }
                let groupID = Array(groupIDs[group].utf8)
                for (position, code) in needs.enumerated() {
                    if code < 0 { note(-1 - code, group: groupID, position: position) }
                    let current = offers.filter { !$0.siblingAccepted && $0.needs.contains(code) }
                    let outcome: Outcome = current.isEmpty || current.contains { $0.status == .met } ? .met
                        : current.contains { $0.status == .open } ? .open : .unmet
                    add(code, area: first.area, month: month, outcome: outcome)
                }
            }

            // Unknown needs in the order of their first case.
            let order = discovered.indices.sorted { left, right in
                let (x, y) = (discovered[left], discovered[right])
                return x.group != y.group ? x.group.lexicographicallyPrecedes(y.group) : x.position < y.position
            }
            unknownNeeds = order.map { discovered[$0].code }
            rank = [Int](repeating: 0, count: order.count)
            for (position, slot) in order.enumerated() { rank[slot] = position }
            self.counts = counts
        }

        /// Calls `body` with every leaf that counts cases: need node (or `unknownBase` + the
        /// position in `unknownNeeds`), leaf area node, month (1…12), outcome (met, unmet, open)
        /// and the number of cases.
        func forEachLeaf(_ body: (_ need: Int, _ area: Int, _ month: Int, _ outcome: Int, _ count: Int) -> Void) {
            for (index, count) in counts.enumerated() where count > 0 {
                var rest = index
                let outcome = rest % 3 + 1; rest /= 3
                let month = rest % 12 + 1; rest /= 12
                let area = rest % areas; rest /= areas
                let need = rest < knownNeeds ? rest : Self.unknownBase + self.rank[rest - knownNeeds]
                body(need, area, month, outcome, Int(count))
            }
        }

        /// The month of a timestamp (`YYYY-MM…`), read as the group reader does; nil if none.
        static func month(_ created: String) -> Int? {
            guard let month = Int(created.dropFirst(5).prefix(2)), (1...12).contains(month) else { return nil }
            return month
        }

        /// The month of an ASCII timestamp, as `month(_:)` reads it.
        static func month(_ created: UnsafeBufferPointer<UInt8>) -> Int? {
            guard created.count > 5 else { return nil }
            var index = 5, sign = 1, value = 0, digits = 0
            let end = min(created.count, 7)
            if created[index] == UInt8(ascii: "+") || created[index] == UInt8(ascii: "-") {
                sign = created[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
            }
            while index < end {
                let byte = created[index]
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            let month = sign * value
            guard digits > 0, (1...12).contains(month) else { return nil }
            return month
        }

        private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
            guard bytes.count == text.utf8CodeUnitCount else { return false }
            let other = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
            for index in 0..<bytes.count where bytes[index] != other[index] { return false }
            return true
        }
    }
}
