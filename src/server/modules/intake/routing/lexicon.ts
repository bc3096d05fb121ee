// Word lists the Swedish text handling needs besides the catalogue itself. All words are written
// in plain Swedish; the analyser folds them (å/ä → a, ö → o) before use.

/** Function words and the filler of a request ("vi vill ha hjälp med …"): they say nothing about the need. */
export const SWEDISH_STOPWORDS: readonly string[] = `
alla allt andra annan annat att av bara blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina ditt du där då efter ej eller en er era ert ett fanns finnas finns for från fråga frågor får fått för gjorde gärna göra gör har hade hans har hej henne hennes hit hon honom hur här i icke ifrån igen ihop in inga ingen inget inom inte ju jag kan kanske kunde kunna kommer man med men mig min mina mitt mot mycket ni nu när någon något några och också om oss på redan sa sedan sig sin sina sitt själv ska skall skulle som så sådan sådana tack till tips typ under upp ut utan vad var vara vad varför vart vem vi vid vilka vilken vilket vill vilja våra vårt vår än är åt över
behöver behöva behövs behövde hjälp hjälpa hjälper undrar undra fundera funderar tänker tänkt kolla hitta ha hos via genom ganska lite lite typ liksom osv etc ex eg t.ex bl.a dvs hälsningar mvh hallå tjena tjenare hejsan
svårt svår lätt enkelt riktigt verkligen runt cirka ca ungefär mer mest mindre minst fler flera många få väldigt jättemycket helt
stor stora stort liten litet lilla små ny nya nytt gammal gamla gammalt bra bättre bäst dålig dåliga rätt fel viktigt snabbt snart
kommer komma kom går gå gick gör gjort tar ta tog ger ge gav säger säga sa vet veta visste tror tro tycker tycka känns kännas verkar
prata pratar pratat fått får få börja börjar började igång igen nästa första sista annan andra varje alltid aldrig ofta ibland
idag igår imorgon nu då sen just också även bara redan fortfarande tidigare senare framöver gärna absolut kanske nog
en två tre fyra fem sex sju åtta nio tio elva tolv tjugo trettio fyrtio femtio hundra st
år året åren månad månader vecka veckor dag dagar
person personer sak saker sätt del delar fall vilken vilket vilka sådant sånt
fick utanför nåt nått nån nåra steg steget grej grejer grejen hela heller ändå iaf ju väl skriva skriver undrade
`
  .trim()
  .split(/\s+/)
  // "vara" means both "to be" and "goods" (brandfarlig vara); idf keeps it cheap, so keep it out of this list.
  .filter((w) => w !== 'vara');

/** English function words: dropped, and their share of a text tells that the text is English. */
export const ENGLISH_STOPWORDS: readonly string[] = `
a an the we our us i my me you your to in into of for and or with on at from by want wants would like need needs
how what can could do does did is are am be been being have has had get got help please some any this that these
those it its there where who which about as so if then than also just will shall should may might us they them their
he she his her hi hello thanks thank up out
needed next week weeks month months year years based located currently really very much many more most
any anyone someone somebody know let lets start where when why whom all also one two three four five ten
`
  .trim()
  .split(/\s+/);

/**
 * Everyday Swedish words that are not in the catalogue. They are never "corrected" into catalogue
 * words, and they let the compound splitter take apart words such as "bilverkstad" or "ölprovning".
 */
export const COMMON_SWEDISH_WORDS: readonly string[] = `
affär affärer aktie anläggning ansökan arbete arbeta arbetar arbetsgivare år ägare ägaren bank banken barn bageri
bakverk bil bilar bok bord bostad bolag bolaget bonde bransch bro bud butik by bygg bygga bygge byggnad chef dag dagar
del djur dokument dotter eget egen el elev energi fabrik familj fastighet fest fika film firma fisk flicka folk form
fordon frisör fru fönster gata gård gas glas glass golv grupp gym hall hamn handel hand hem hemma hus hyra häst idé
it jobb jord kaffe kafé kassa kemikalie kläder kock kommun konst konsult kontor kostnad kropp kund kunder kurs kvinna
kök land lag lager lampa lastbil lek liv livs lokal lån lön man mark marknad maskin mat material medarbetare miljö
mjölk moms motor mun mur musik mål människa nät olja ord ost park pengar person personal plan plats post pris
produkt projekt pub rum råd salong sand sida sjö skatt skog skola skydd skylt slakt sol spa stad sten stol stöd
städ svets system tak tid tillverkning tjänst tomt trä träd tull tv utbildning vatten verk verkstad vin vård väg
vägg värme öl ön
tvätt tvätta bryggeri mikrobryggeri frisersalong skönhet hudvård nagel naglar hund katt häst ridskola stall
snickare snickeri målare elektriker rörmokare plåt smide smed åkeri taxi flytt städning städfirma bemanning
redovisning bokföring byrå advokat jurist tandläkare läkare klinik apotek optiker gym yoga dans frisör
café restaurang kiosk gatukök korv hamburgare pizza sushi kebab bagare konditori catering festlokal
hotell vandrarhem camping stuga stugor turism turist guide upplevelse event mässa konferens
butik webbshop webbutik nätbutik e-handel ehandel app programmering mjukvara spel design reklam byrå
lantbruk jordbruk skogsbruk gris grisar kor mjölk odling växthus trädgård blommor honung bär svamp
import leverantör leverans transport frakt logistik lager truck gaffeltruck kran container
produktion produkt prototyp patent idé uppfinning innovation teknik forskning labb
pension pensionär ledig semester sjuk sjukdom förälder föräldrar mamma pappa son dotter syster bror
granne grannar grannen villa radhus lägenhet sommarstuga båt bil körkort pass
`
  .trim()
  .split(/\s+/);

/**
 * Three-letter (and shorter) words the compound splitter may cut off. Longer parts need no list;
 * short ones do, or "företag" would become "före" + "tag".
 */
export const SHORT_PARTS: readonly string[] = `
lån lov bil mat el öl vin pub bar gas tak hus kök app sol ai eu ost gym spa tv tåg väg hem små
`
  .trim()
  .split(/\s+/);

/** Words never taken apart: they look like compounds but are not ("företag" is not "före" + "tag"). */
export const ATOMIC_WORDS: readonly string[] = `
företag företagare företaget företagen företags företagande företagsamhet kommun kommunen restaurang
verksamhet verksamheten tillstånd tillväxt utveckla utveckling utvecklingen underlag information organisation
inkubator innovation investering investera finansiering kapital konsult kontakt kontakter marknad bransch
anställa anställd anställda anställning rekrytera rekrytering regional regionen region sverige svenska
tillsammans samarbete samverkan uppdrag program projekt process produkt produkter tjänst tjänster
hållbar hållbart hållbara hållbarhet lönsam lönsamt lönsamhet
`
  .trim()
  .split(/\s+/);

/**
 * English words mapped to Swedish ones, so that "we want to sell our robots in Germany" meets the
 * Swedish catalogue. Keys are lower-case English; plural and -ing/-ed forms are reduced before look-up.
 */
export const ENGLISH_TO_SWEDISH: Readonly<Record<string, string>> = {
  abroad: 'utomlands',
  accounting: 'bokföring',
  advice: 'rådgivning',
  adviser: 'rådgivare',
  advisor: 'rådgivare',
  agent: 'agent',
  alcohol: 'alkohol',
  apply: 'ansöka',
  application: 'ansökan',
  automate: 'automatisera',
  automation: 'automation',
  bakery: 'bageri',
  bank: 'bank',
  bar: 'bar',
  battery: 'batteri',
  beer: 'öl',
  borrow: 'låna',
  build: 'bygga',
  building: 'byggnad',
  business: 'företag',
  buy: 'köpa',
  cafe: 'kafé',
  capital: 'kapital',
  certificate: 'certifikat',
  certification: 'certifiering',
  charging: 'laddning',
  chemical: 'kemikalie',
  circular: 'cirkulär',
  climate: 'klimat',
  company: 'företag',
  competence: 'kompetens',
  construction: 'bygg',
  consultant: 'konsult',
  cooperative: 'kooperativ',
  course: 'kurs',
  credit: 'kredit',
  customer: 'kund',
  customs: 'tull',
  cybersecurity: 'cybersäkerhet',
  design: 'design',
  detailed: 'detaljplan',
  digital: 'digital',
  digitalisation: 'digitalisering',
  digitalization: 'digitalisering',
  distributor: 'distributör',
  documents: 'dokument',
  drinks: 'drinkar',
  education: 'utbildning',
  electric: 'elektrisk',
  electrification: 'elektrifiering',
  emission: 'utsläpp',
  employ: 'anställa',
  employee: 'anställd',
  employer: 'arbetsgivare',
  energy: 'energi',
  environment: 'miljö',
  environmental: 'miljö',
  europe: 'europa',
  european: 'europeisk',
  event: 'evenemang',
  expand: 'expandera',
  export: 'export',
  exporting: 'exportera',
  factory: 'fabrik',
  fair: 'mässa',
  finance: 'finansiering',
  financing: 'finansiering',
  food: 'livsmedel',
  foreign: 'utländsk',
  found: 'starta',
  founder: 'grundare',
  funding: 'finansiering',
  gas: 'gas',
  grant: 'bidrag',
  grow: 'växa',
  growth: 'tillväxt',
  guarantee: 'garanti',
  heating: 'uppvärmning',
  hire: 'anställa',
  hiring: 'rekrytering',
  idea: 'idé',
  immigrant: 'invandrare',
  incubator: 'inkubator',
  innovation: 'innovation',
  international: 'internationell',
  invest: 'investera',
  investment: 'investering',
  investor: 'investerare',
  invoice: 'faktura',
  land: 'mark',
  lab: 'labb',
  laboratory: 'laboratorium',
  licence: 'tillstånd',
  license: 'tillstånd',
  liquor: 'sprit',
  loan: 'lån',
  machine: 'maskin',
  manufacturing: 'tillverkning',
  market: 'marknad',
  meeting: 'möte',
  mentor: 'mentor',
  money: 'pengar',
  municipality: 'kommun',
  network: 'nätverk',
  networking: 'nätverka',
  office: 'kontor',
  origin: 'ursprung',
  partner: 'partner',
  patent: 'patent',
  permit: 'tillstånd',
  plan: 'plan',
  planning: 'planering',
  premises: 'lokal',
  production: 'produktion',
  product: 'produkt',
  prototype: 'prototyp',
  public: 'offentlig',
  procurement: 'upphandling',
  recruit: 'rekrytera',
  recruitment: 'rekrytering',
  register: 'registrera',
  registration: 'registrering',
  regulation: 'regler',
  research: 'forskning',
  researcher: 'forskare',
  restaurant: 'restaurang',
  robot: 'robot',
  robotics: 'robotik',
  rules: 'regler',
  rural: 'landsbygd',
  sell: 'sälja',
  selling: 'sälja',
  serve: 'servera',
  shop: 'butik',
  sign: 'skylt',
  site: 'tomt',
  skills: 'kompetens',
  solar: 'solceller',
  staff: 'personal',
  start: 'starta',
  startup: 'startup',
  student: 'student',
  subsidy: 'bidrag',
  supplier: 'leverantör',
  support: 'stöd',
  sustainability: 'hållbarhet',
  sustainable: 'hållbar',
  tax: 'skatt',
  test: 'testa',
  testbed: 'testbädd',
  thesis: 'examensarbete',
  intern: 'praktikant',
  internship: 'praktik',
  collateral: 'säkerhet',
  lender: 'långivare',
  trademark: 'varumärke',
  training: 'utbildning',
  university: 'universitet',
  vat: 'moms',
  visa: 'visum',
  wine: 'vin',
  woman: 'kvinna',
  women: 'kvinnor',
  work: 'arbete',
  worker: 'arbetare',
  workers: 'arbetare',
  area: 'område',
  assess: 'bedöma',
  buyer: 'köpare',
  cluster: 'kluster',
  compare: 'jämföra',
  consider: 'överväga',
  consulting: 'konsult',
  contact: 'kontakt',
  cost: 'kostnad',
  costs: 'kostnader',
  country: 'land',
  countries: 'länder',
  demo: 'demonstration',
  develop: 'utveckla',
  developer: 'utvecklare',
  development: 'utveckling',
  distribution: 'distribution',
  ecosystem: 'nätverk',
  efficiency: 'effektivisering',
  electricity: 'el',
  engineer: 'ingenjör',
  entrepreneur: 'entreprenör',
  equipment: 'utrustning',
  establish: 'etablera',
  events: 'evenemang',
  exporter: 'exportör',
  farm: 'gård',
  farmer: 'bonde',
  fire: 'brand',
  fuel: 'drivmedel',
  fund: 'fond',
  government: 'myndighet',
  guidance: 'vägledning',
  hall: 'hall',
  heat: 'värme',
  hotel: 'hotell',
  industrial: 'industri',
  industry: 'industri',
  insurance: 'försäkring',
  kitchen: 'kök',
  labour: 'arbetskraft',
  location: 'läge',
  logistics: 'logistik',
  maintenance: 'underhåll',
  manufacture: 'tillverka',
  manufacturer: 'tillverkare',
  materials: 'material',
  meet: 'träffa',
  name: 'namn',
  operator: 'operatör',
  order: 'order',
  partners: 'partner',
  payment: 'betalning',
  people: 'personer',
  pilot: 'pilot',
  plant: 'fabrik',
  price: 'pris',
  project: 'projekt',
  protect: 'skydda',
  rail: 'järnväg',
  regional: 'regional',
  renewable: 'förnybar',
  rent: 'hyra',
  risk: 'risk',
  safety: 'säkerhet',
  sales: 'försäljning',
  school: 'skola',
  science: 'vetenskap',
  security: 'säkerhet',
  service: 'tjänst',
  shipment: 'sändning',
  small: 'liten',
  storage: 'lager',
  store: 'butik',
  strategy: 'strategi',
  students: 'studenter',
  technology: 'teknik',
  tests: 'tester',
  trade: 'handel',
  transport: 'transport',
  truck: 'lastbil',
  vehicle: 'fordon',
  warehouse: 'lager',
  waste: 'avfall',
  young: 'unga',
  // Countries people sell to or recruit from; the thesaurus turns them into "utland".
  egypt: 'egypten',
  turkey: 'turkiet',
  brazil: 'brasilien',
  mexico: 'mexiko',
  chile: 'chile',
  kenya: 'kenya',
  nigeria: 'nigeria',
  vietnam: 'vietnam',
  thailand: 'thailand',
  korea: 'sydkorea',
  australia: 'australien',
  estonia: 'estland',
  latvia: 'lettland',
  lithuania: 'litauen',
  belgium: 'belgien',
  austria: 'österrike',
  switzerland: 'schweiz',
  ireland: 'irland',
  ukraine: 'ukraina',
  philippines: 'filippinerna',
  indonesia: 'indonesien',
  singapore: 'singapore',
  emirates: 'förenade arabemiraten',
  dubai: 'dubai',
  germany: 'tyskland',
  norway: 'norge',
  denmark: 'danmark',
  finland: 'finland',
  poland: 'polen',
  france: 'frankrike',
  spain: 'spanien',
  italy: 'italien',
  china: 'kina',
  japan: 'japan',
  india: 'indien',
  netherlands: 'nederländerna',
  uk: 'storbritannien',
  britain: 'storbritannien',
  england: 'england',
  usa: 'usa',
  america: 'usa',
  canada: 'kanada',
  sweden: 'sverige',
  swedish: 'svensk',
  // Nationalities: "our Finnish group", "a German customer".
  finnish: 'finsk',
  german: 'tysk',
  danish: 'dansk',
  norwegian: 'norsk',
  american: 'amerikansk',
  chinese: 'kinesisk',
  japanese: 'japansk',
  french: 'fransk',
  dutch: 'nederländsk',
  british: 'brittisk',
  polish: 'polsk',
  italian: 'italiensk',
  spanish: 'spansk',
  indian: 'indisk',
  korean: 'koreansk',
  group: 'koncern',
  parent: 'moderbolag',
  subsidiary: 'dotterbolag',
  begin: 'börja',
  first: 'första',
  vision: 'bildanalys',
  goods: 'varor',
  tenant: 'hyresgäst',
};

/**
 * Words that mark a private matter rather than a business one (a neighbour dispute, a parking
 * fine, care for a parent). They raise the bar for a match: a request must then be clearly about
 * a business need to be routed. Short words are matched as written ("pass", not "passar"); "a+b" is
 * two words in a row ("tax return").
 */
export const PRIVATE_LIFE_WORDS: readonly string[] = `
granne grannen grannar grannens grannfejd grannbråk skilsmässa vårdnad bodelning testamente arv begravning
parkeringsbot parkeringsböter fortkörning fortkörningsböter böter hemtjänst äldreboende färdtjänst
bostadsbidrag försörjningsstöd socialbidrag sjukpenning sjukskrivning försäkringskassan a-kassa akassa
deklaration deklarera deklarerar skatteåterbäring privat privatekonomi
mamma mamman morsan mormor farmor morfar farfar svärmor son sonen dotter dottern barnen
villa villan radhus fritidshus sommarstuga bostadsrätt hyreslägenhet lägenhet lägenheten hyresvärd körkort
pass passet id-kort legitimation förskoleplats skolplats betyg vårdcentral sjukhusbesök buss bussen busskort
sophämtning soptunna hundskatt brevlåda snöröjning
neighbour neighbor divorce parking+fine parking+ticket mum mom mother grandmother tax+return apartment bus passport kindergarten
landlord tenant
`
  .trim()
  .split(/\s+/);

/**
 * Matters of authorities and services the catalogue does not cover (the police, street upkeep,
 * civil registration). Unlike private words, a business speaking does not make them routable:
 * "vi har haft inbrott i butiken" is still the police's matter.
 */
export const OTHER_MATTER_WORDS: readonly string[] = `
inbrott inbrottet polisanmäla polisanmälan polisanmält polisanmäler stöld stölden stulen stulet stulna rån rånet
skadegörelse klotter klottret gatlykta gatlyktan gatlyktor gatubelysning gatubelysningen potthål vigsel gifta
burglary theft stolen robbery
`
  .trim()
  .split(/\s+/);

/**
 * Words that say the writer speaks for a business. With one of them present, words such as
 * "hemtjänst" or "grannar" are part of the business ("vi driver hemtjänst", "grannarna klagar på bullret
 * från verkstaden"), not a private matter.
 */
export const BUSINESS_WORDS: readonly string[] = `
företag företaget företagen företags bolag bolaget bolagets firma firman verksamhet verksamheten anställda anställd
medarbetare personal kunder kund kunden omsättning driver driva drivs ab aktiebolag enskild restaurang butik fabrik
verkstad lokal lokalen produktion tillverkar tillverkning startup company business employees customers firm
starta startat startar nystartad exportera exporterar anställa anställer rekrytera sälja säljer
varor varorna leverera levererar leverans faktura fakturera fakturor moms momsen order
`
  .trim()
  .split(/\s+/);

/**
 * Thesaurus entries that list instances of a class (countries) rather than synonyms. Such a word
 * counts mainly through its class: a customer "i Finland" says "utomlands", and should not pull
 * in whichever offering happens to mention Finland in an example.
 */
export const INSTANCE_ENTRIES: readonly string[] = ['lander', 'eu-lander', 'ej-eu'];

/** Readable labels and matching words for the catalogue's topic codes. */
export const TOPICS: Readonly<Record<string, { sv: string; en: string; words: string }>> = {
  export: { sv: 'export', en: 'export', words: 'export internationalisering' },
  finansiering: { sv: 'finansiering', en: 'financing', words: 'finansiering' },
  radgivning: { sv: 'rådgivning', en: 'advice', words: 'rådgivning' },
  starta: { sv: 'starta företag', en: 'starting a business', words: 'starta nystartad' },
  kompetens: { sv: 'kompetens och personal', en: 'skills and staff', words: 'kompetens' },
  tillstand: { sv: 'tillstånd', en: 'permits', words: 'tillstånd' },
  natverk: { sv: 'nätverk', en: 'networks', words: 'nätverk' },
  hallbarhet: { sv: 'hållbarhet', en: 'sustainability', words: 'hållbarhet' },
  etablering: { sv: 'etablering', en: 'establishment', words: 'etablering' },
  innovation: { sv: 'innovation', en: 'innovation', words: 'innovation' },
  digitalisering: { sv: 'digitalisering', en: 'digitalisation', words: 'digitalisering' },
};

/** A few SNI 2007 divisions (first two digits) and what they tell about the company's trade. */
export const SNI_WORDS: Readonly<Record<string, string>> = {
  '01': 'lantbruk jordbruk',
  '02': 'skogsbruk',
  '03': 'fiske',
  '10': 'livsmedel tillverkning',
  '11': 'dryck tillverkning',
  '16': 'trä tillverkning',
  '22': 'plast tillverkning',
  '25': 'metall tillverkning verkstad',
  '28': 'maskin tillverkning',
  '29': 'fordon tillverkning',
  '41': 'bygg',
  '42': 'bygg',
  '43': 'bygg',
  '45': 'bilverkstad',
  '47': 'butik handel',
  '49': 'transport',
  '55': 'hotell turism',
  '56': 'restaurang',
  '62': 'it digitala tjänster',
  '72': 'forskning',
  '86': 'vård',
};

// Intents: what kind of help a request asks for, read from its words (see intents.ts).

/**
 * Words that ask for money. Without one of them (or an amount), grants and loans give way to advice:
 * "vi vill minska elförbrukningen" wants an energy adviser before an energy grant. Matched as the
 * word itself or as the head of a compound ("banklån", "investeringsstöd").
 */
export const MONEY_WORDS: readonly string[] = `
pengar kapital finansiera finansiering medfinansiera delfinansiera samfinansiera bidrag lån låna lånar
kredit krediter betala betalar betalning betalningar bank banken banker investerare riskkapital ägarkapital
borgen check checken subvention subventionera sponsring ersättning
`
  .trim()
  .split(/\s+/);

/** Money words that count only as written whole: "söka medel", not "livsmedel". */
export const MONEY_WHOLE_WORDS: readonly string[] = ['medel', 'medlen'];

/**
 * Borrowing: a loan, the bank, a credit. With one of them (or an amount) and no grant word, a loan
 * comes before a grant the request says nothing else about.
 */
export const LOAN_WORDS: readonly string[] = `
lån låna lånar lånet banklån kredit krediter bank banken borgen
`
  .trim()
  .split(/\s+/);

/** Grant wording: money one applies for and does not pay back. */
export const GRANT_WORDS: readonly string[] = `
bidrag bidraget check checken subvention utlysning medfinansiera delfinansiera
`
  .trim()
  .split(/\s+/);

/** Units that make a number an amount of money ("600 000 kr", "1,2 mkr", "3 miljoner"). */
export const AMOUNT_UNITS: readonly string[] = `
kr kronor kronorna sek mkr msek tkr ksek miljon miljoner miljonen mille euro eur dollar usd
`
  .trim()
  .split(/\s+/);

/** Before "stöd", these make it money one applies for: "söka stöd", "ekonomiskt stöd", "finns det stöd". */
export const SUPPORT_AS_MONEY_BEFORE: readonly string[] = `
söka söker ansöka ansöker få får finns ekonomiskt ekonomisk statligt statliga något någon investeringsstöd
`
  .trim()
  .split(/\s+/);

/** A permit word after one of these asks about several permits at once: "vilka tillstånd", "alla lov". */
export const PERMIT_QUANTIFIERS: readonly string[] = `
vilka alla flera olika många which what all several various any
`
  .trim()
  .split(/\s+/);

/** Permit nouns for the question above; English plurals count by themselves. */
export const PERMIT_NOUNS: readonly string[] = `
tillstånd tillstånden tillståndet lov loven tillståndsfrågor myndighetskontakter permit permits licence licences license licenses
`
  .trim()
  .split(/\s+/);

/** English plural permit nouns: "do we need permits" already asks about more than one. */
export const PERMIT_PLURALS: readonly string[] = ['permits', 'licences', 'licenses', 'approvals'];

/** Words that speak of the county or region rather than one town ("i länet", "regionen"). */
export const REGIONAL_WORDS: readonly string[] = `
län länet länets länen region regionen regionens regional regionalt county counties
`
  .trim()
  .split(/\s+/);

/**
 * Words for students and researchers. With one of them, a university's collaboration offering comes
 * before applied-research institutes and digitalisation programmes. Matched as the word or a compound's head.
 */
export const ACADEMIC_WORDS: readonly string[] = `
student studenter studenterna exjobb exjobbare exjobbet examensarbete examensarbetare examensarbeten praktikant
praktikanter forskare forskarna forskargrupp forskargrupper doktorand doktorander industridoktorand universitet
universitetet högskola högskolan högskolor lärosäte lärosäten akademi akademin civilingenjörsstudent
researcher researchers university thesis intern interns internship
`
  .trim()
  .split(/\s+/);
