// ExitCode: the exit statuses of `lotse` and `lotse-bench` (sysexits.h) — the one table that
// the commands return, the dispatcher maps errors to, and `lotse help` prints.
import LotseCore

/// An exit status. Every command returns one of these; nothing else is passed to `exit`.
public enum ExitCode: Int32, CaseIterable, Sendable {
    /// 0: done.
    case success = 0
    /// 64 (EX_USAGE): unknown command or option, missing or malformed argument.
    case usage = 64
    /// 65 (EX_DATAERR): invalid input data, a rejected import, a broken audit chain.
    case dataError = 65
    /// 66 (EX_NOINPUT): the database, a file or an entry does not exist.
    case notFound = 66
    /// 70 (EX_SOFTWARE): an internal error (or a run interrupted on purpose).
    case internalError = 70
    /// 73 (EX_CANTCREAT): refused to overwrite or create, e.g. an existing database.
    case cannotCreate = 73
    /// 75 (EX_TEMPFAIL): a mail could not be sent, the database was busy or the disk full;
    /// try again later.
    case temporaryFailure = 75
    /// 77 (EX_NOPERM): not allowed.
    case forbidden = 77

    /// The status for a kind of user-facing error.
    public init(_ kind: LotseError.Kind) {
        switch kind {
        case .invalidInput, .unusableData: self = .dataError
        case .conflict: self = .cannotCreate
        case .notFound: self = .notFound
        case .forbidden: self = .forbidden
        }
    }

    /// One German line for the help text.
    public var meaning: String {
        switch self {
        case .success: "erledigt"
        case .usage: "falscher Aufruf (Befehl, Option oder Argument)"
        case .dataError: "fehlerhafte Daten (Eingabe, abgelehnter Import, gebrochene Prüfkette)"
        case .notFound: "nicht gefunden (Datenbank, Datei oder Eintrag)"
        case .internalError: "interner Fehler oder absichtlicher Abbruch"
        case .cannotCreate: "nicht überschrieben oder angelegt (z. B. vorhandene Datenbank)"
        case .temporaryFailure: "vorübergehend nicht möglich (E-Mail nicht verschickt, Datenbank belegt, Speicher voll); später erneut versuchen"
        case .forbidden: "nicht erlaubt"
        }
    }

    /// The table for `lotse help`: "Exit-Status:" and one line per code.
    public static var helpTable: String {
        "Exit-Status:\n" + allCases.map { code in
            let number = String(code.rawValue)
            return "  " + number + String(repeating: " ", count: 4 - number.count) + code.meaning
        }.joined(separator: "\n")
    }
}
