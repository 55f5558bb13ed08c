// LimitsTests: the documented defaults, so a changed default is a deliberate, visible decision.
import Testing
@testable import HTTP

@Suite struct LimitsTests {
    @Test func defaultsMatchTheDocumentation() {
        let limits = Limits()
        #expect(limits.maxRequestLineLength == 8 * 1024)
        #expect(limits.maxHeaderBytes == 16 * 1024)
        #expect(limits.maxHeaderCount == 100)
        #expect(limits.maxBodySize == 10 * 1024 * 1024)
        #expect(limits.headerTimeout == .seconds(10))
        #expect(limits.bodyTimeout == .seconds(60))
        #expect(limits.idleTimeout == .seconds(30))
        #expect(limits.writeTimeout == .seconds(10))
        #expect(limits.maxPublicFormBodySize == 64 * 1024)
        #expect(limits.maxSignedInFormBodySize == 1024 * 1024)
        #expect(limits.streamBufferSize == 256 * 1024)
        #expect(limits.maxConcurrentStreams == 16)
        #expect(limits.maxStreamsPerAddress == 4)
        #expect(limits.streamRetryAfter == .seconds(10))
        #expect(limits.lingerTimeout == .seconds(2))
        #expect(limits.maxConnections == 1_000)
        #expect(limits.maxPipelinedRequests == 16)
        #expect(limits.workerCount >= 4)
        #expect(limits.shutdownGracePeriod == .seconds(10))
    }

    @Test func durationsConvertToNanoseconds() {
        #expect(Duration.milliseconds(250).nanoseconds == 250_000_000)
        #expect(Duration.seconds(-1).nanoseconds == 0)
    }
}
