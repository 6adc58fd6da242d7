//! The vocabulary synthetic works are drawn from: fandoms with their characters (ordered by
//! popularity, so a Zipf draw gives AO3's skew), tags, and the legacy spellings of ratings and
//! warnings that old archives used (so generated legacy files exercise the normalizer).

pub struct Fandom {
    pub name: &'static str,
    /// How a 1990s header might write it.
    pub legacy: &'static str,
    pub characters: &'static [&'static str],
}

macro_rules! fandoms {
    ($( $name:literal, $legacy:literal => [$($c:literal),+ $(,)?]; )+) => {
        pub const FANDOMS: &[Fandom] = &[ $( Fandom { name: $name, legacy: $legacy, characters: &[$($c),+] } ),+ ];
    };
}

fandoms! {
    "Harry Potter - J. K. Rowling", "HP" => ["Harry Potter", "Hermione Granger", "Ron Weasley", "Draco Malfoy", "Severus Snape", "Luna Lovegood", "Ginny Weasley"];
    "Marvel Cinematic Universe", "MCU" => ["Tony Stark", "Steve Rogers", "Natasha Romanov", "Bucky Barnes", "Peter Parker", "Wanda Maximoff"];
    "Supernatural", "SPN" => ["Dean Winchester", "Sam Winchester", "Castiel", "Bobby Singer", "Crowley"];
    "Sherlock (TV)", "BBC Sherlock" => ["Sherlock Holmes", "John Watson", "Mycroft Holmes", "Molly Hooper", "Greg Lestrade"];
    "Star Wars - All Media Types", "Star Wars" => ["Rey", "Ben Solo", "Poe Dameron", "Finn", "Leia Organa", "Obi-Wan Kenobi"];
    "Buffy the Vampire Slayer", "BtVS" => ["Buffy Summers", "Willow Rosenberg", "Spike", "Xander Harris", "Tara Maclay", "Rupert Giles", "Faith Lehane"];
    "Good Omens (TV)", "Good Omens" => ["Aziraphale", "Crowley", "Anathema Device", "Newton Pulsifer"];
    "Teen Wolf (TV)", "Teen Wolf" => ["Stiles Stilinski", "Derek Hale", "Scott McCall", "Lydia Martin"];
    "Doctor Who", "DW" => ["The Doctor", "Rose Tyler", "Martha Jones", "Donna Noble", "River Song"];
    "Star Trek: The Original Series", "TOS" => ["James T. Kirk", "Spock", "Leonard McCoy", "Nyota Uhura"];
    "The X-Files", "XF" => ["Fox Mulder", "Dana Scully", "Walter Skinner", "Alex Krycek"];
    "Stargate SG-1", "SG-1" => ["Jack O'Neill", "Daniel Jackson", "Samantha Carter", "Teal'c"];
    "due South", "dS" => ["Benton Fraser", "Ray Kowalski", "Ray Vecchio", "Diefenbaker"];
    "The Sentinel", "TS" => ["Jim Ellison", "Blair Sandburg", "Simon Banks"];
    "Highlander: The Series", "HL" => ["Duncan MacLeod", "Methos", "Joe Dawson", "Amanda"];
    "The Lord of the Rings - J. R. R. Tolkien", "LotR" => ["Frodo Baggins", "Samwise Gamgee", "Aragorn", "Legolas", "Gimli", "Boromir"];
    "Naruto", "Naruto" => ["Uzumaki Naruto", "Uchiha Sasuke", "Haruno Sakura", "Hatake Kakashi"];
    "Haikyuu!!", "Haikyuu" => ["Hinata Shouyou", "Kageyama Tobio", "Oikawa Tooru", "Sawamura Daichi"];
    "Boku no Hero Academia", "BNHA" => ["Midoriya Izuku", "Bakugou Katsuki", "Todoroki Shouto", "Uraraka Ochako"];
    "Genshin Impact", "Genshin" => ["Aether", "Lumine", "Zhongli", "Venti", "Kaeya", "Diluc"];
    "Dragon Age - All Media Types", "DA" => ["Solas", "Cullen Rutherford", "Dorian Pavus", "Cassandra Pentaghast"];
    "Mass Effect Trilogy", "ME" => ["Commander Shepard", "Garrus Vakarian", "Liara T'Soni", "Tali'Zorah"];
    "Angel: the Series", "AtS" => ["Angel", "Cordelia Chase", "Wesley Wyndam-Pryce", "Lorne"];
    "Blake's 7", "B7" => ["Kerr Avon", "Roj Blake", "Vila Restal", "Jenna Stannis"];
    "Stargate Atlantis", "SGA" => ["John Sheppard", "Rodney McKay", "Teyla Emmagan", "Ronon Dex"];
    "Critical Role (Web Series)", "Critical Role" => ["Caleb Widogast", "Mollymauk Tealeaf", "Jester Lavorre", "Fjord"];
    "The Witcher (TV)", "Witcher" => ["Geralt z Rivii", "Jaskier", "Yennefer z Vengerbergu", "Ciri"];
    "Our Flag Means Death (TV)", "OFMD" => ["Stede Bonnet", "Edward Teach", "Lucius Spriggs", "Izzy Hands"];
    "Hetalia: Axis Powers", "Hetalia" => ["America", "England", "France", "Canada"];
    "Original Work", "Original" => ["Mara Quill", "Tobias Fenn", "Old Ines"];
}

pub const TAGS: &[&str] = &[
    "Fluff",
    "Angst",
    "Hurt/Comfort",
    "Alternate Universe",
    "Friendship",
    "Slow Burn",
    "Happy Ending",
    "Canon Compliant",
    "Fix-It",
    "Humor",
    "Romance",
    "Established Relationship",
    "Pining",
    "Mutual Pining",
    "Found Family",
    "Missing Scene",
    "Post-Canon",
    "Pre-Canon",
    "First Kiss",
    "Drabble",
    "Coffee Shops & Cafés",
    "Road Trips",
    "Case Fic",
    "Whump",
    "Domestic Fluff",
    "Time Travel",
    "Soulmates",
    "Enemies to Lovers",
    "Epistolary",
    "Introspection",
    "Character Study",
    "Crack",
    "Dark",
    "Horror",
    "Mystery",
    "Tragedy",
    "Bittersweet",
    "Christmas",
    "Halloween",
    "Rare Pairings",
];

/// Ratings as old archives wrote them, each with its weight in a realistic collection.
pub const LEGACY_RATINGS: &[(&str, f64)] = &[
    ("G", 8.0),
    ("PG", 10.0),
    ("PG-13", 14.0),
    ("R", 9.0),
    ("NC-17", 6.0),
    ("K+", 2.0),
    ("T", 4.0),
    ("M", 3.0),
    ("MA", 1.0),
    ("General Audiences", 8.0),
    ("Teen And Up Audiences", 10.0),
    ("Mature", 5.0),
    ("Explicit", 5.0),
    ("Not Rated", 2.0),
];

/// Warnings as headers write them.
pub const LEGACY_WARNINGS: &[(&str, f64)] = &[
    ("none", 20.0),
    ("No Archive Warnings Apply", 20.0),
    ("Choose Not To Use Archive Warnings", 10.0),
    ("character death", 4.0),
    ("Graphic Depictions Of Violence", 5.0),
    ("violence", 3.0),
    ("Major Character Death", 3.0),
    ("language", 4.0),
    ("Rape/Non-Con", 1.0),
    ("dub-con", 1.0),
];

pub const CATEGORIES: &[(&str, f64)] = &[
    ("M/M", 40.0),
    ("F/M", 20.0),
    ("Gen", 20.0),
    ("F/F", 8.0),
    ("Multi", 6.0),
    ("Other", 2.0),
];

pub const SERIES_WORDS: &[&str] = &[
    "Lights",
    "Tides",
    "Letters",
    "Winters",
    "Roads",
    "Stars",
    "Embers",
    "Harbours",
    "Seasons",
    "Echoes",
    "Crossings",
    "Keys",
    "Maps",
    "Songs",
    "Gardens",
];

pub const NAME_SYLLABLES: &[&str] = &[
    "ka", "mi", "ro", "sa", "wen", "lio", "ra", "thi", "mar", "gin", "el", "dor", "fae", "quil",
    "ash", "bry", "cel", "da", "ver", "nox", "ly", "ri", "tam", "zu",
];

/// The short name an old header would use for a fandom (`BtVS`), or the name itself.
pub fn legacy_name(name: &str) -> &str {
    FANDOMS
        .iter()
        .find(|f| f.name == name)
        .map_or(name, |f| f.legacy)
}
