// ReadAhead: every element arrives once and in order, a producer's error arrives after the
// elements before it, and a consumer that stops early stops the producer.
import Foundation
import Synchronization
import Testing
@testable import LotseCore

struct ReadAheadTests {
    @Test(arguments: [1, 7, 256]) func everyElementArrivesInOrder(batchSize: Int) throws {
        let queue = ReadAhead<Int>(batchSize: batchSize, depth: 2) { emit in
            for number in 0..<1_000 { guard emit(number) else { return } }
        }
        var received: [Int] = []
        while let number = try queue.next() { received.append(number) }
        #expect(received == Array(0..<1_000))
        #expect(try queue.next() == nil)
    }

    @Test func theProducersErrorComesAfterTheElementsBeforeIt() throws {
        struct Broken: Error {}
        let queue = ReadAhead<Int>(batchSize: 4) { emit in
            for number in 0..<10 { _ = emit(number) }
            throw Broken()
        }
        var received: [Int] = []
        #expect(throws: Broken.self) {
            while let number = try queue.next() { received.append(number) }
        }
        #expect(received == Array(0..<10))
    }

    @Test func aConsumerThatStopsEarlyStopsTheProducer() throws {
        let produced = Atomic<Int>(0)
        let stopped = DispatchSemaphore(value: 0)
        let queue = ReadAhead<Int>(batchSize: 10, depth: 2) { emit in
            defer { stopped.signal() }
            for number in 0..<1_000_000 {
                produced.add(1, ordering: .relaxed)
                guard emit(number) else { return }
            }
        }
        #expect(try queue.next() == 0)
        queue.cancel()
        #expect(stopped.wait(timeout: .now() + 10) == .success)
        // At most the queued batches and the one being filled were produced, not the million.
        #expect(produced.load(ordering: .relaxed) <= 10 * 4)
    }
}
