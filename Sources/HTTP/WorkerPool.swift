// WorkerPool: a fixed set of threads that run handlers. Jobs wait in a FIFO queue; the event loop
// submits connections with complete requests and never blocks on a handler.
import Dispatch
import Foundation
import Synchronization

/// Fixed-size thread pool over a FIFO job queue.
final class WorkerPool<Job: Sendable>: Sendable {
    private struct Queue {
        var jobs: [Job?] = []
        var head = 0
        var stopping = false
    }

    private let queue = Mutex(Queue())
    private let available = DispatchSemaphore(value: 0)
    private let exited = DispatchGroup()
    private let threadCount: Int

    /// Starts `count` threads named `name` that call `work` for each submitted job.
    init(count: Int, name: String, work: @escaping @Sendable (Job) -> Void) {
        threadCount = max(1, count)
        for index in 0..<threadCount {
            exited.enter()
            let thread = Thread { [self] in
                while let job = take() { work(job) }
                exited.leave()
            }
            thread.name = "\(name)-\(index)"
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    /// Queues `job`; one idle worker picks it up.
    func submit(_ job: Job) {
        queue.withLock { $0.jobs.append(job) }
        available.signal()
    }

    /// Jobs queued and not yet taken by a worker.
    var pendingCount: Int {
        queue.withLock { $0.jobs.count - $0.head }
    }

    /// Lets the workers finish the queued jobs, then ends the threads and waits for them.
    func stop() {
        queue.withLock { $0.stopping = true }
        for _ in 0..<threadCount { available.signal() }
        exited.wait()
    }

    /// The next job, or nil once stopping and the queue is empty.
    private func take() -> Job? {
        while true {
            available.wait()
            let next: Job?? = queue.withLock { queue in
                if queue.head < queue.jobs.count {
                    let job = queue.jobs[queue.head]
                    queue.jobs[queue.head] = nil
                    queue.head += 1
                    if queue.head == queue.jobs.count {
                        queue.jobs.removeAll(keepingCapacity: true)
                        queue.head = 0
                    }
                    return .some(job)
                }
                return queue.stopping ? .some(nil) : nil
            }
            if let next { return next }
        }
    }
}
