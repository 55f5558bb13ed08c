// LotseError: a user's mistake or a refused request, with German public text. Anything else
// that is thrown is an internal error (500 page, exit 70) whose details go to the log only.

/// An error whose message may be shown to the user as is.
public struct LotseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of mistake it was; decides the HTTP status and the exit code.
    public enum Kind: Sendable, Equatable {
        /// Bad input: a malformed value, an unknown option (HTTP 400, exit 64 or 65).
        case invalidInput
        /// The thing asked for does not exist (HTTP 404, exit 66).
        case notFound
        /// The caller may not do this (HTTP 403, exit 77).
        case forbidden
        /// The request conflicts with the current state (HTTP 409, exit 65).
        case conflict
        /// The database or a file cannot be used as it is (exit 65/74).
        case unusableData
    }

    /// The kind of mistake.
    public let kind: Kind
    /// German text for the user.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
