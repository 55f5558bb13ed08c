// SettingsRegistry: the one list of settings an administrator may change with `lotse config`
// or on /admin/einstellungen — deadlines and escalation of referrals, retention periods, the
// digest time and the mail sender. Everything that reads a setting goes through this list.

/// Every changeable setting.
public enum SettingsRegistry {
    /// Respond-by working days when a service sets none.
    public static let defaultRespondByDays = SettingDefinition(
        key: "referral.default_respond_by_days", label: "Antwortfrist",
        help: "Arbeitstage, in denen ein Angebot auf eine Vermittlung antworten soll, wenn es selbst keine Frist nennt.",
        group: "Fristen und Eskalation", kind: .integer(1...60, unit: "Arbeitstage"), defaultValue: "3")
    /// Respond-by working days of an urgent referral.
    public static let urgentRespondByDays = SettingDefinition(
        key: "referral.urgent_respond_by_days", label: "Antwortfrist bei dringenden Vermittlungen",
        help: "Arbeitstage, in denen ein Angebot auf eine dringende Vermittlung antworten soll (1 = am nächsten Arbeitstag); eine kürzere Frist des Angebots gilt weiter.",
        group: "Fristen und Eskalation", kind: .integer(1...60, unit: "Arbeitstage"), defaultValue: "1")
    /// Working days after the respond-by date until the counselor is alerted.
    public static let alertAfterDays = SettingDefinition(
        key: "referral.alert_after_days", label: "Eskalation an die Beratung",
        help: "Arbeitstage nach Ablauf der Antwortfrist, bis die vermittelnde Beratung einen Hinweis bekommt (0 = sofort).",
        group: "Fristen und Eskalation", kind: .integer(0...60, unit: "Arbeitstage"), defaultValue: "2")
    /// Working days after the respond-by date until an unanswered referral is cancelled.
    public static let autoCancelAfterDays = SettingDefinition(
        key: "referral.auto_cancel_after_days", label: "Automatischer Abbruch",
        help: "Arbeitstage nach Ablauf der Antwortfrist, bis eine unbeantwortete Vermittlung als »keine Rückmeldung« beendet wird; »aus« beendet nie.",
        group: "Fristen und Eskalation", kind: .optionalInteger(0...120, unit: "Arbeitstage"), defaultValue: SettingDefinition.off)
    /// Working days without a status change after which an active referral asks for one.
    public static let stalledAfterDays = SettingDefinition(
        key: "referral.stalled_after_days", label: "Nachfrage bei Stillstand",
        help: "Arbeitstage ohne Statusänderung, nach denen eine laufende Vermittlung um einen neuen Stand bittet.",
        group: "Fristen und Eskalation", kind: .integer(1...250, unit: "Arbeitstage"), defaultValue: "10")
    /// Days a provider keeps access after completed/failed.
    public static let accessGraceDays = SettingDefinition(
        key: "referral.access_grace_days", label: "Zugriff nach Abschluss",
        help: "Tage, die ein Angebot eine abgeschlossene Vermittlung noch sehen kann.",
        group: "Fristen und Eskalation", kind: .integer(0...365, unit: "Tage"), defaultValue: "14")
    /// Days after closing until a referral is anonymised.
    public static let referralRetentionDays = SettingDefinition(
        key: "retention.referral_days", label: "Aufbewahrung von Vermittlungen",
        help: "Tage nach dem Abschluss, bis eine Vermittlung anonymisiert wird (Notizen, Kontaktdaten, Freitexte).",
        group: "Aufbewahrungsfristen", kind: .integer(1...3650, unit: "Tage"), defaultValue: "180")
    /// Days the audit log keeps a row.
    public static let auditRetentionDays = SettingDefinition(
        key: "retention.audit_days", label: "Aufbewahrung des Prüfprotokolls",
        help: "Tage, die ein Eintrag im Prüfprotokoll aufbewahrt wird.",
        group: "Aufbewahrungsfristen", kind: .integer(30...36500, unit: "Tage"), defaultValue: "1095")
    /// Days a notification is kept.
    public static let notificationRetentionDays = SettingDefinition(
        key: "retention.notification_days", label: "Aufbewahrung von Benachrichtigungen",
        help: "Tage, die eine Benachrichtigung aufbewahrt wird.",
        group: "Aufbewahrungsfristen", kind: .integer(1...3650, unit: "Tage"), defaultValue: "180")
    /// Days after the decision until an application's contact data is erased.
    public static let applicationRetentionDays = SettingDefinition(
        key: "retention.membership_application_days", label: "Aufbewahrung von Mitgliedsanträgen",
        help: "Tage nach der Entscheidung über einen Mitgliedsantrag, bis Name und E-Mail-Adresse der Ansprechperson gelöscht werden.",
        group: "Aufbewahrungsfristen", kind: .integer(1...3650, unit: "Tage"), defaultValue: "90")
    /// When `lotse serve` sends the weekly digest.
    public static let digestTime = SettingDefinition(
        key: "digest.time", label: "Versandzeit der Wochenübersicht",
        help: "Wochentag und Uhrzeit (Europe/Berlin), zu der »lotse serve« die Wochenübersichten verschickt; »aus«, wenn cron sie mit »lotse digest« verschickt.",
        group: "Wochenübersicht und E-Mail", kind: .weeklyTime, defaultValue: WeeklySchedule.digestDefault.description)
    /// The sender address of every e-mail.
    public static let mailFrom = SettingDefinition(
        key: "mail.from", label: "Absenderadresse",
        help: "Absender aller E-Mails; leer: $LOTSE_MAIL_FROM, sonst lotse@localhost. Gilt für Wochenübersichten sofort, für Anmelde- und Einladungsmails nach dem nächsten Neustart.",
        group: "Wochenübersicht und E-Mail", kind: .emailAddress, defaultValue: "")
    /// The start of the quiet hours: no notification e-mail then, unless urgent.
    public static let quietFrom = SettingDefinition(
        key: "mail.quiet_from", label: "Ruhezeit ab",
        help: "Stunde (Europe/Berlin), ab der keine Benachrichtigungen gemailt werden, außer dringenden; »aus«: keine Ruhezeit.",
        group: "Wochenübersicht und E-Mail", kind: .optionalInteger(0...23, unit: "Uhr"), defaultValue: "20")
    /// The end of the quiet hours.
    public static let quietUntil = SettingDefinition(
        key: "mail.quiet_until", label: "Ruhezeit bis",
        help: "Stunde (Europe/Berlin), zu der die Ruhezeit endet; was in der Ruhezeit anfiel, geht dann hinaus.",
        group: "Wochenübersicht und E-Mail", kind: .integer(0...23, unit: "Uhr"), defaultValue: "7")
    /// When the daily summary of notifications leaves.
    public static let dailySummaryHour = SettingDefinition(
        key: "mail.daily_hour", label: "Tägliche Zusammenfassung",
        help: "Stunde (Europe/Berlin), zu der die tägliche Zusammenfassung der Benachrichtigungen verschickt wird.",
        group: "Wochenübersicht und E-Mail", kind: .integer(0...23, unit: "Uhr"), defaultValue: "8")
    /// Days a housing company holds a flat by default while the cost approval is pending.
    public static let holdDefaultDays = SettingDefinition(
        key: "housing.hold_default_days", label: "Reservierung einer Wohnung",
        help: "Kalendertage, die eine Wohnung nach Annahme eines Vorschlags reserviert bleibt, wenn das Wohnungsunternehmen nichts anderes wählt; fällt das Ende nicht auf einen Arbeitstag, gilt der nächste.",
        group: "Wohnungen", kind: .integer(1...90, unit: "Tage"), defaultValue: "14")
    /// The shortest hold a housing company may choose.
    public static let holdMinimumDays = SettingDefinition(
        key: "housing.hold_min_days", label: "Kürzeste Reservierung",
        help: "Kalendertage, die eine Reservierung mindestens dauert.",
        group: "Wohnungen", kind: .integer(1...90, unit: "Tage"), defaultValue: "7")
    /// The longest hold a housing company may choose, and the most one extension adds.
    public static let holdMaximumDays = SettingDefinition(
        key: "housing.hold_max_days", label: "Längste Reservierung",
        help: "Kalendertage, die eine Reservierung höchstens dauert; eine Verlängerung (einmal, mit Begründung) gibt höchstens so viele Tage dazu.",
        group: "Wohnungen", kind: .integer(1...180, unit: "Tage"), defaultValue: "28")
    /// Working days before a hold ends when the counselor and the cost bearer's office are reminded.
    public static let holdReminderDays = SettingDefinition(
        key: "housing.hold_reminder_days", label: "Erinnerung vor Ende der Reservierung",
        help: "Arbeitstage vor dem Ende einer Reservierung, an denen die Beratung und die Stelle des Kostenträgers erinnert werden.",
        group: "Wohnungen", kind: .integer(0...30, unit: "Arbeitstage"), defaultValue: "3")

    /// All settings in the order the form and `lotse config list` show them.
    public static let all: [SettingDefinition] = [
        defaultRespondByDays, urgentRespondByDays, alertAfterDays, autoCancelAfterDays, stalledAfterDays, accessGraceDays,
        referralRetentionDays, auditRetentionDays, notificationRetentionDays, applicationRetentionDays, digestTime, mailFrom,
        quietFrom, quietUntil, dailySummaryHour, holdDefaultDays, holdMinimumDays, holdMaximumDays, holdReminderDays,
    ]

    /// The definition of `key`, or nil.
    public static func definition(_ key: String) -> SettingDefinition? {
        all.first { $0.key == key }
    }
}
