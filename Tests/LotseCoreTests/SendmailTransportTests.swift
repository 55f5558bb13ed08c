// The sendmail hand-over: a message counts as sent only when the command read all of it and
// exited 0; the command runs in its own process group, which the sender waits for and kills
// as a whole on a timeout; the caller learns the group before the sender waits.
import Foundation
import Testing
@testable import LotseCore

@Suite struct SendmailTransportTests {
    let message = Array("To: a@example.org\r\nSubject: x\r\n\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 1_000_000)

    /// An executable shell script in a fresh directory; returns (script, directory).
    func script(_ body: String) throws -> (String, String) {
        let directory = NSTemporaryDirectory() + "sendmail-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/sendmail"
        try ("#!/bin/sh\n" + body.replacingOccurrences(of: "DIR", with: directory) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return (path, directory)
    }

    @Test func aCommandThatReadsOnlyPartOfTheMessageHasNotSentIt() throws {
        try SendmailTransport(commandLine: "/bin/cat").send(message)
        let half = #expect(throws: SendmailTransport.Failure.self) { try SendmailTransport(commandLine: "/usr/bin/head -c 500000").send(message) }
        #expect(half?.description.contains("nur 500000 von \(message.count) Bytes") == true)
        let nothing = #expect(throws: SendmailTransport.Failure.self) { try SendmailTransport(commandLine: "/bin/true").send(message) }
        #expect(nothing?.description.contains("nur 0 von") == true)
    }

    @Test func theCommandRunsInItsOwnProcessGroupWhichTheSenderWaitsFor() throws {
        let (path, directory) = try script("cat >/dev/null\n( sleep 0.7; echo zugestellt > DIR/delivered ) &\nexit 0")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var group: Int32 = 0
        var groupOfChild: Int32 = -1
        try SendmailTransport(commandLine: path).send(message) { pid in
            group = pid
            groupOfChild = getpgid(pid)
        }
        #expect(group > 0 && groupOfChild == group && getpgrp() != group)
        // The forked delivery process belongs to the run: it finished before send returned.
        #expect(FileManager.default.fileExists(atPath: directory + "/delivered"))
        #expect(!SendmailTransport.groupAlive(group))
    }

    @Test func aTimeoutKillsTheWholeGroup() throws {
        let (path, directory) = try script("cat >/dev/null\nsleep 30 &\nsleep 30")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var group: Int32 = 0
        let started = Date()
        #expect(throws: SendmailTransport.Failure.self) { try SendmailTransport(commandLine: path, timeout: 0.5).send(message) { group = $0 } }
        #expect(Date().timeIntervalSince(started) < 5)
        SendmailTransport.waitForGroup(group, until: Date().addingTimeInterval(2))
        #expect(group > 0 && !SendmailTransport.groupAlive(group))
    }
}
