// Places as resumes print them beside a job or in the contact line: "Austin, TX", "London, UK",
// "Berlin, Germany", "Remote". Only a known region after the comma counts, so "Engineer, Acme" is no place.
const COUNTRIES = [
  "usa",
  "us",
  "united states",
  "uk",
  "united kingdom",
  "england",
  "scotland",
  "wales",
  "ireland",
  "canada",
  "australia",
  "new zealand",
  "india",
  "germany",
  "deutschland",
  "france",
  "spain",
  "españa",
  "italy",
  "italia",
  "portugal",
  "netherlands",
  "belgium",
  "switzerland",
  "austria",
  "sweden",
  "norway",
  "denmark",
  "finland",
  "poland",
  "czech republic",
  "czechia",
  "hungary",
  "romania",
  "greece",
  "turkey",
  "israel",
  "egypt",
  "nigeria",
  "kenya",
  "south africa",
  "ghana",
  "morocco",
  "brazil",
  "brasil",
  "mexico",
  "méxico",
  "argentina",
  "chile",
  "colombia",
  "peru",
  "japan",
  "china",
  "south korea",
  "korea",
  "singapore",
  "malaysia",
  "indonesia",
  "philippines",
  "vietnam",
  "viet nam",
  "thailand",
  "pakistan",
  "bangladesh",
  "sri lanka",
  "uae",
  "united arab emirates",
  "saudi arabia",
  "qatar",
  "ukraine",
  "estonia",
  "latvia",
  "lithuania",
  "taiwan",
  "hong kong",
  "remote",
];
const REGIONS = [
  "california",
  "texas",
  "new york",
  "washington",
  "massachusetts",
  "illinois",
  "florida",
  "georgia",
  "colorado",
  "oregon",
  "ontario",
  "quebec",
  "british columbia",
  "alberta",
  "bavaria",
  "karnataka",
  "maharashtra",
  "telangana",
  "tamil nadu",
  "delhi",
  "são paulo",
  "sao paulo",
  "rio de janeiro",
  "new south wales",
  "victoria",
];
const KNOWN = new Set([...COUNTRIES, ...REGIONS]);

const CITY = "[\\p{Lu}][\\p{L}'.-]+(?:[\\s-][\\p{Lu}][\\p{L}'.-]+){0,3}";
const PLACE = new RegExp(`^(${CITY}),\\s*([\\p{L} .]+?)(?:,\\s*([\\p{L} .]+?))?(?:\\s+\\d{4,6})?$`, "u");

export function isLocation(text: string): boolean {
  const trimmed = text.trim().replace(/^\(|\)$/g, "");
  if (/^(remote|hybrid|on-?site)(\s*\(.*\))?$/i.test(trimmed)) return true;
  const match = PLACE.exec(trimmed);
  if (!match?.[2]) return KNOWN.has(trimmed.toLowerCase());
  // "City, ST", "City, Country", "City, ST, Country"
  const region = (match[3] ?? match[2]).trim();
  return /^\p{Lu}{2,3}$/u.test(region) || KNOWN.has(region.toLowerCase());
}

/** The first place in a line of contact details. */
export function findPlace(text: string): string | undefined {
  for (const part of text.split(/\s*[|•·▪◦]\s*|\s{2,}|\t/)) {
    const candidate = part.trim();
    if (
      candidate.length < 60 &&
      !/@|\d{3}/.test(candidate.replace(/\b\d{5}\b/, "")) &&
      isLocation(candidate) &&
      candidate.includes(",")
    ) {
      return candidate;
    }
  }
  return undefined;
}
