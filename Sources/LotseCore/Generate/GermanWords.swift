// GermanWords: word lists for the synthetic directory — names, streets and sentence parts that
// read like a German social-care directory (all fictitious).

/// Word lists for `SyntheticDirectory`.
enum GermanWords {
    static let traegerStems = ["Sozialwerk", "Nachbarschaftswerk", "Familienhilfe", "Bürgerhilfe", "Gemeinwesenverein",
                               "Seniorenhilfe", "Jugendhilfe", "Integrationshilfe", "Lebenshaus", "Sozialdienst",
                               "Hilfswerk", "Begegnungswerk", "Teilhabe-Verein", "Pflegewerk", "Stadtteilhilfe"]
    static let poeticNames = ["Elbe", "Weser", "Spree", "Havel", "Lindenhof", "Sonnenhaus", "Brückenschlag", "Miteinander",
                              "Lichtblick", "Weitblick", "Regenbogen", "Lebensbaum", "Kompass", "Anker", "Leuchtturm",
                              "Zusammenhalt", "Nordstern", "Sternschnuppe", "Morgenrot", "Apfelbaum"]
    static let housingNames = ["Elbblick", "Weserufer", "Spreebogen", "Stadtpark", "Am Anger", "Gartenstadt", "Lindenau",
                               "Heimstatt", "Volkswohnung", "Eigenheim", "Sonnenhof", "Grünland"]
    static let legalForms = ["e. V.", "e. V.", "e. V.", "gGmbH", "gGmbH", "Stiftung"]
    static let streets = ["Hauptstraße", "Lindenstraße", "Schulstraße", "Bahnhofstraße", "Gartenstraße", "Kirchstraße",
                          "Am Markt", "Parkstraße", "Waldstraße", "Rosenstraße", "Bergstraße", "Mühlenweg", "Ringstraße",
                          "Friedhofstraße", "Goethestraße", "Schillerstraße", "Am Anger", "Birkenweg", "Große Straße",
                          "Jahnstraße", "Lessingstraße", "Marktplatz", "Poststraße", "Querstraße", "Sonnenallee",
                          "Uferweg", "Weidenweg", "Ziegelstraße", "Kastanienallee", "Fließstraße"]
    static let firstNames = ["Anna", "Jonas", "Leonie", "Mehmet", "Sophie", "Lukas", "Fatma", "Paul", "Olga", "Ben",
                             "Aylin", "Felix", "Marta", "Karim", "Julia", "Tobias", "Nadia", "Jan", "Ewa", "Hannah",
                             "Jürgen", "Renate", "Dragan", "Mai", "Grzegorz", "Elif", "Sabine", "Thomas", "Bärbel", "Oleksandr"]
    static let lastNames = ["Müller", "Schmidt", "Yılmaz", "Becker", "Nowak", "Wagner", "Hoffmann", "Kaya", "Schäfer",
                            "Koch", "Petrović", "Richter", "Klein", "Wolf", "Nguyen", "Schröder", "Neumann", "Schwarz",
                            "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Weiß", "Öztürk", "Kowalski"]
    static let qualifiers = ["", "", "", "Offene ", "Mobile ", "Aufsuchende ", "Individuelle ", "Kostenfreie "]
    static let openings = [
        "Wir bieten %NEED% für %GROUP% in %PLACE% an.",
        "%NEED% für %GROUP%: persönlich, vertraulich und nah am Wohnort in %PLACE%.",
        "Unser Angebot %NEED% richtet sich an %GROUP% im Stadtteil %PLACE%.",
        "In %PLACE% unterstützen wir %GROUP% mit %NEED%.",
    ]
    static let sentences = [
        "Die Beratung ist vertraulich und kostenfrei.", "Termine nach Vereinbarung, auch Hausbesuche sind möglich.",
        "Ein Dolmetschdienst kann organisiert werden.", "Wir arbeiten eng mit dem Quartiersmanagement zusammen.",
        "Der Zugang ist stufenlos erreichbar.", "Ehrenamtliche und Fachkräfte arbeiten hier Hand in Hand.",
        "Angehörige sind herzlich willkommen.", "Bitte bringen Sie vorhandene Bescheide mit.",
        "Wir vermitteln bei Bedarf an passende Stellen im Stadtteil weiter.", "Die Kosten trägt in vielen Fällen die Pflegekasse.",
        "Für Menschen mit wenig Einkommen gibt es Ermäßigungen.", "Neue Teilnehmende können jederzeit einsteigen.",
        "Wir helfen beim Ausfüllen von Anträgen und Formularen.", "Unsere Räume liegen zentral und sind gut mit Bus und Bahn erreichbar.",
        "Bei Bedarf begleiten wir Sie zu Ämtern und Terminen.", "Das Angebot wird aus Mitteln der Kommune gefördert.",
    ]
    static let languages: [(code: String, name: String)] = [
        ("tr", "Türkisch"), ("ar", "Arabisch"), ("ru", "Russisch"), ("en", "Englisch"), ("pl", "Polnisch"),
        ("uk", "Ukrainisch"), ("fa", "Farsi"), ("ku", "Kurdisch"), ("vi", "Vietnamesisch"), ("fr", "Französisch"),
    ]
    static let scheduleBlocks: [(byday: String, opens: String, closes: String)] = [
        ("MO,TU,WE,TH,FR", "09:00", "12:00"), ("TU,TH", "14:00", "18:00"), ("MO,WE", "10:00", "16:00"),
        ("SA", "10:00", "13:00"), ("MO,TU,WE,TH,FR", "08:00", "16:00"), ("WE", "15:00", "19:00"),
        ("MO,TU,WE,TH", "09:00", "15:00"), ("FR", "09:00", "13:00"),
    ]
}
