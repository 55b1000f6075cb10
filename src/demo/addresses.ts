import { createRandom, type Random } from './random.ts';

/**
 * A made-up billing address in the customer's country, in that country's postal format (street and
 * number, postal code and city; Italy adds the province, the US the state, the UK puts the postcode
 * on a line of its own). Drawn from a stream of its own, seeded by the prospect's serial and name,
 * so the address is the same for the same demo seed and drawing it moves nothing else of the story.
 */
export function demoBillingAddress(country: string, serial: number, company: string): string | null {
  const format = FORMATS[country];
  if (!format) return null;
  return format(createRandom(seedOf(serial, company)));
}

type Format = (random: Random) => string;

const GERMAN_STREETS = ['Hauptstraße', 'Bahnhofstraße', 'Industriestraße', 'Schillerstraße', 'Lindenallee', 'Am Hafen', 'Gartenweg', 'Friedrichstraße'];
const SWISS_STREETS = ['Bahnhofstrasse', 'Seestrasse', 'Industriestrasse', 'Hauptgasse', 'Limmatquai', 'Bundesplatz'];
const ITALIAN_STREETS = ['Via Roma', 'Corso Italia', 'Via Giuseppe Garibaldi', 'Via Dante Alighieri', 'Viale Europa', 'Via Torino'];
const US_STREETS = ['Main Street', 'Market Street', 'Congress Avenue', 'Commerce Drive', 'Lake Shore Drive', 'Peachtree Street'];
const UK_STREETS = ['High Street', 'Station Road', 'King Street', 'Victoria Road', 'Church Lane', 'Albert Square'];

// Cities with a postal code of theirs (and the Italian province, the US state).
const GERMAN_CITIES = [['10115', 'Berlin'], ['80331', 'München'], ['20095', 'Hamburg'], ['50667', 'Köln'], ['70173', 'Stuttgart'], ['04109', 'Leipzig'], ['60311', 'Frankfurt am Main']] as const;
const AUSTRIAN_CITIES = [['1010', 'Wien'], ['8010', 'Graz'], ['4020', 'Linz'], ['5020', 'Salzburg'], ['6020', 'Innsbruck']] as const;
const SWISS_CITIES = [['8001', 'Zürich'], ['4051', 'Basel'], ['3011', 'Bern'], ['6003', 'Luzern'], ['9000', 'St. Gallen']] as const;
const ITALIAN_CITIES = [['20121', 'Milano', 'MI'], ['10121', 'Torino', 'TO'], ['40121', 'Bologna', 'BO'], ['00184', 'Roma', 'RM'], ['37121', 'Verona', 'VR'], ['50122', 'Firenze', 'FI']] as const;
const US_CITIES = [['Austin', 'TX', '78701'], ['Boston', 'MA', '02108'], ['Denver', 'CO', '80202'], ['Chicago', 'IL', '60601'], ['Seattle', 'WA', '98101'], ['Atlanta', 'GA', '30303']] as const;
const UK_CITIES = [['London', 'EC1A 1BB'], ['Manchester', 'M1 1AE'], ['Leeds', 'LS1 4DY'], ['Bristol', 'BS1 4DJ'], ['Edinburgh', 'EH1 1YZ']] as const;

/** Street and number, then postal code and city: Germany, Austria, Switzerland. */
function dach(streets: readonly string[], cities: ReadonlyArray<readonly [string, string]>): Format {
  return (random) => {
    const [postalCode, city] = random.pick(cities);
    return `${random.pick(streets)} ${random.int(1, 120)}\n${postalCode} ${city}`;
  };
}

const FORMATS: Record<string, Format> = {
  DE: dach(GERMAN_STREETS, GERMAN_CITIES),
  AT: dach(GERMAN_STREETS, AUSTRIAN_CITIES),
  CH: dach(SWISS_STREETS, SWISS_CITIES),
  IT: (random) => {
    const [cap, city, province] = random.pick(ITALIAN_CITIES);
    return `${random.pick(ITALIAN_STREETS)} ${random.int(1, 150)}\n${cap} ${city} ${province}`;
  },
  US: (random) => {
    const [city, state, zip] = random.pick(US_CITIES);
    const suite = random.chance(0.5) ? `\nSuite ${random.int(1, 9) * 100 + random.int(0, 20)}` : '';
    return `${random.int(100, 9999)} ${random.pick(US_STREETS)}${suite}\n${city}, ${state} ${zip}`;
  },
  GB: (random) => {
    const [city, postcode] = random.pick(UK_CITIES);
    return `${random.int(1, 200)} ${random.pick(UK_STREETS)}\n${city}\n${postcode}`;
  },
};

/** FNV-1a over the name, mixed with the serial: a 32-bit seed. */
function seedOf(serial: number, company: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${serial}:${company}`) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  return hash >>> 0;
}
