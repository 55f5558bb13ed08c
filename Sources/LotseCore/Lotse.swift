// Lotse: facts about this build.

/// Build-wide constants.
public enum Lotse {
    /// The program version.
    public static let version = "0.1.0"
}
