/**
 * The clock of an English page whose outlet the importer does not know by name
 * and whose times carry no zone: the country the page is written in, told by
 * the places, institutions and money it names. A local outlet writes about its
 * own town, council and police, and its masthead and footer often name the
 * place ("Shetland News", "Otago Daily Times"), so a page that names one
 * country's places far more often than any other's is printed in that
 * country's clock. Within a country with several clocks, its regions' names
 * pick one (Perth, Calgary, Chicago), else the country's most populous clock.
 * Pages in any other language are read in Berlin's clock (clock-zone.ts).
 */

interface Country {
  /** The clock when no region of the country is named. */
  zone: string;
  /** Names of the country as a whole: its name, people, institutions, currency. */
  whole: RegExp;
  /** Signs counted wherever they stand, even glued to a figure ("£2m"). */
  signs?: RegExp;
  /** Regions with a clock of their own, and their names. */
  regions?: ReadonlyArray<readonly [string, RegExp]>;
}

/** Whole words and phrases of an alternation, counted all over a page. */
const words = (alternation: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})(?![\\p{L}\\p{N}])`, 'gu');

/** Countries whose English-language outlets print live pages in their own clock, and the names that point to them. */
const COUNTRIES: readonly Country[] = [
  {
    // Great Britain, Northern Ireland, Ireland, the Isle of Man and the Channel Islands share one clock.
    zone: 'Europe/London',
    whole: words(
      'U\\.K\\.|Britain|British|England|English Channel|Scotland|Scottish|Wales|Welsh|Northern Ireland|Ireland|Irish|NHS|Met Office|Westminster|'
      + 'Holyrood|Senedd|Stormont|Downing Street|Whitehall|MSPs?|MPs?|Tory|Tories|Gardaí|Garda|Taoiseach|Tánaiste|Dáil|Oireachtas|RNLI|'
      + 'London|Manchester|Liverpool|Leeds|Sheffield|Bristol|Newcastle|Nottingham|Leicester|Glasgow|Edinburgh|Aberdeen|Dundee|Inverness|'
      + 'Cardiff|Swansea|Belfast|Derry|Dublin|Cork|Galway|Limerick|Preston|Lancashire|Yorkshire|Cornwall|Devon|Kent|Essex|Surrey|Sussex|'
      + 'Norfolk|Suffolk|Cumbria|Shetland|Orkney|Lerwick|Hebrides|Jersey|Guernsey|Isle of Man|Gwynedd|Ceredigion|Donegal|Kerry',
    ),
    signs: /£/g,
  },
  {
    zone: 'Pacific/Auckland',
    whole: words(
      'New Zealand|NZ|Aotearoa|Māori|Maori|iwi|Kiwis?|Auckland|Wellington|Christchurch|Dunedin|Otago|Waikato|Tauranga|Coromandel|'
      + 'Northland|Southland|Taranaki|Rotorua|Queenstown|Hawke\'s Bay|Beehive|MetService|Te [A-ZĀ]\\p{L}+',
    ),
  },
  {
    zone: 'Australia/Sydney',
    whole: words('Australia|Australians?|Sydney|Melbourne|Canberra|NSW|New South Wales|Victorian|Hobart|Tasmania'),
    regions: [
      ['Australia/Brisbane', words('Brisbane|Queensland|Gold Coast|Cairns|Townsville|Sunshine Coast')],
      ['Australia/Adelaide', words('Adelaide|South Australia')],
      ['Australia/Perth', words('Perth|Western Australia|Fremantle')],
      ['Australia/Darwin', words('Darwin|Northern Territory|Alice Springs')],
    ],
  },
  {
    zone: 'America/New_York',
    // The Eastern states and their larger cities (the most populous clock, also where no region is named).
    whole: words('U\\.S\\.|United States|Americans?|Congress|White House|Capitol Hill|New York|Washington, D\\.C\\.|Boston|Philadelphia|'
      + 'Pittsburgh|Atlanta|Miami|Florida|Ohio|Michigan|Detroit|Virginia|North Carolina|South Carolina|Pennsylvania|New Jersey|'
      + 'Massachusetts|Maryland|Connecticut|Baltimore|Cleveland|Maine|New Hampshire|Vermont|Rhode Island|Delaware|West Virginia|Indiana|'
      + 'Indianapolis|Kentucky|Louisville|Charlotte|Raleigh|Richmond|Tampa|Orlando|Jacksonville|Columbus|Cincinnati|Buffalo|Albany|'
      // The Associated Press's abbreviations of the states, as datelines print them ("MEDFORD, Ore. (AP)").
      + 'Fla\\.|Ga\\.|Mich\\.|Va\\.|W\\.Va\\.|N\\.C\\.|S\\.C\\.|Pa\\.|N\\.J\\.|N\\.Y\\.|Mass\\.|Md\\.|Conn\\.|Del\\.|Ky\\.|Ind\\.|Vt\\.|N\\.H\\.|R\\.I\\.'),
    // Every state of the other clocks, its capital and its larger cities (Portland is Oregon's; Maine's is a tenth of its size).
    regions: [
      ['America/Chicago', words('Chicago|Illinois|Texas|Houston|Dallas|San Antonio|Austin, Texas|Fort Worth|Minnesota|Minneapolis|St\\. Paul|'
        + 'Wisconsin|Milwaukee|Madison, Wis|Missouri|St\\. Louis|Kansas City|Kansas|Wichita|Louisiana|New Orleans|Baton Rouge|Tennessee|'
        + 'Nashville|Memphis|Alabama|Birmingham, Ala|Iowa|Des Moines|Oklahoma|Tulsa|Arkansas|Little Rock|Mississippi|Nebraska|Omaha|'
        + 'South Dakota|North Dakota|Sioux Falls|Fargo|Ill\\.|Wis\\.|Minn\\.|Mo\\.|Kan\\.|La\\.|Tenn\\.|Ala\\.|Okla\\.|Ark\\.|Miss\\.|Neb\\.|S\\.D\\.|N\\.D\\.')],
      ['America/Denver', words('Denver|Colorado|Colorado Springs|Utah|Salt Lake City|New Mexico|Albuquerque|Santa Fe|Montana|Billings|'
        + 'Idaho|Boise|Wyoming|Cheyenne|Colo\\.|Mont\\.|Wyo\\.|N\\.M\\.')],
      ['America/Phoenix', words('Arizona|Phoenix|Tucson|Mesa|Scottsdale|Tempe|Ariz\\.')],
      ['America/Los_Angeles', words('Los Angeles|California|San Francisco|San Diego|San Jose|Oakland|Fresno|Sacramento|Seattle|Tacoma|'
        + 'Spokane|Washington state|Oregon|Oregonians?|Portland|Eugene|Medford|Bend|Nevada|Las Vegas|Reno|Calif\\.|Ore\\.|Wash\\.|Nev\\.|'
        // California's regions, towns and public bodies, as a local outlet names them (the Bay Area, Mendocino County).
        + 'Bay Area|East Bay|Silicon Valley|Golden Gate|BART|Caltrans|Cal Fire|PG&E|Berkeley|Hayward|Palo Alto|Santa Clara|Santa Rosa|'
        + 'Santa Cruz|Napa|Sonoma|Marin|Mendocino|Ukiah|Humboldt|Redding|Chico|Stockton|Modesto|Bakersfield|Long Beach|Anaheim|Pasadena|'
        + 'Riverside|San Bernardino|Olympia|Yakima|Salem, Ore')],
      ['America/Anchorage', words('Alaska|Alaskans?|Anchorage|Juneau|Fairbanks')],
      ['Pacific/Honolulu', words('Hawaii|Hawaiians?|Honolulu|Oahu|Maui|Kauai')],
    ],
  },
  {
    zone: 'America/Toronto',
    whole: words('Canada|Canadians?|RCMP|Ontario|Toronto|Ottawa|Montreal|Quebec'),
    regions: [
      ['America/Winnipeg', words('Winnipeg|Manitoba')],
      ['America/Regina', words('Saskatchewan|Regina|Saskatoon')],
      ['America/Edmonton', words('Alberta|Calgary|Edmonton')],
      ['America/Vancouver', words('British Columbia|B\\.C\\.|Vancouver|Surrey, B\\.C\\.|Kelowna')],
      ['America/Halifax', words('Halifax|Nova Scotia|New Brunswick|Prince Edward Island|Moncton|Fredericton')],
      ['America/St_Johns', words('Newfoundland|St\\. John\'s')],
    ],
  },
  { zone: 'Asia/Kolkata', whole: words('India|Indian|Delhi|Mumbai|Bengaluru|Bangalore|Kolkata|Chennai|Hyderabad|Pune|crore|lakh|Lok Sabha|BJP') },
  { zone: 'Asia/Karachi', whole: words('Pakistan|Pakistani|Karachi|Lahore|Islamabad|Peshawar') },
  { zone: 'Asia/Singapore', whole: words('Singapore|Singaporeans?') },
  { zone: 'Asia/Kuala_Lumpur', whole: words('Malaysia|Malaysians?|Kuala Lumpur|Penang') },
  { zone: 'Asia/Manila', whole: words('Philippines|Filipinos?|Manila|Quezon City|Cebu|Davao') },
  { zone: 'Asia/Hong_Kong', whole: words('Hong Kong|Kowloon') },
  { zone: 'Africa/Johannesburg', whole: words('South Africa|South Africans?|Johannesburg|Cape Town|Durban|Pretoria|Gauteng') },
  { zone: 'Africa/Nairobi', whole: words('Kenya|Kenyans?|Nairobi|Mombasa') },
  { zone: 'Africa/Lagos', whole: words('Nigeria|Nigerians?|Lagos|Abuja') },
  {
    // Central European time: English-language outlets of Germany, Malta, the Low Countries, the Alps, Scandinavia and the Balkans.
    zone: 'Europe/Berlin',
    whole: words('Germany|German|Berlin|Bundestag|Munich|Hamburg|Frankfurt|Malta|Maltese|Valletta|Brussels|Belgium|Netherlands|Amsterdam|'
      + 'Austria|Vienna|Switzerland|Swiss|Zurich|Geneva|Sweden|Swedish|Stockholm|Norway|Norwegian|Oslo|Denmark|Danish|Copenhagen|'
      + 'Poland|Polish|Warsaw|Czech|Prague|Croatia|Zagreb|Serbia|Belgrade|Slovenia|Ljubljana'),
  },
  { zone: 'Europe/Helsinki', whole: words('Finland|Finnish|Helsinki|Estonia|Estonian|Tallinn|Tartu|Latvia|Latvian|Riga|Lithuania|Lithuanian|Vilnius|Kaunas|'
    + 'Cyprus|Cypriots?|Nicosia|Limassol|Larnaca|Paphos|Famagusta|Greece|Greek|Athens|Thessaloniki|Bulgaria|Bulgarian|Sofia|Romania|Romanian|Bucharest') },
];

const count = (re: RegExp | undefined, text: string) => (re ? text.match(re)?.length ?? 0 : 0);

/**
 * The zone of the country an English page names far more often than any other (three names or more, and at least
 * twice as many as the next country's), with the clock of its most named region; undefined when no country leads so.
 */
export function homeZone(text: string): string | undefined {
  const votes = COUNTRIES.map((c) => {
    const regions = (c.regions ?? []).map(([zone, re]): [string, number] => [zone, count(re, text)]);
    const inRegions = regions.reduce((s, [, k]) => s + k, 0);
    return { c, regions, inRegions, n: count(c.whole, text) + count(c.signs, text) + inRegions };
  }).sort((a, b) => b.n - a.n);
  const [first, second] = votes;
  if (!first || first.n < 3 || first.n < 2 * (second?.n ?? 0)) return undefined;
  // A region's clock when its names are at least half as many as the country's own (a Calgary page names Calgary
  // more than Canada; a Toronto page that mentions Vancouver once stays in Toronto's clock).
  const region = first.regions.filter(([, k]) => k > 0).sort((a, b) => b[1] - a[1])[0];
  return region && region[1] >= (first.n - first.inRegions) / 2 ? region[0] : first.c.zone;
}
