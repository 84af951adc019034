// npm run bench:auth — argon2id hash time (median), sign-in throughput with 8 concurrent clients, and
// token-verified request throughput on GET /auth/v1/user (goal ≥ 2000 requests/s), against `rehearse serve`
// in its own process on this machine.
import { hashPassword } from "../src/auth/passwords.ts";
import { median, request, startBenchServer, throughput } from "./lib/server.ts";

const hashTimes: number[] = [];
for (let i = 0; i < 15; i++) {
  const start = performance.now();
  await hashPassword(`bench password ${i}`);
  hashTimes.push(performance.now() - start);
}

const server = await startBenchServer({
  AUTH_AUTOCONFIRM: "true",
  RATE_LIMIT_TOKEN: "1000000",
  RATE_LIMIT_TOKEN_BURST: "1000000",
  RATE_LIMIT_AUTH: "1000000",
});
try {
  const json = { "content-type": "application/json", apikey: server.anonKey };
  const email = "bench@example.test";
  const password = "a bench passphrase";
  const signup = await request(`${server.url}/auth/v1/signup`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ email, password, data: { full_name: "Bench User" } }),
  });
  const token = JSON.parse(signup.body).access_token as string;
  const body = JSON.stringify({ email, password });

  const signIn = await throughput(8, 10, async () => {
    const r = await request(`${server.url}/auth/v1/token?grant_type=password`, {
      method: "POST",
      headers: json,
      body,
    });
    return r.status === 200;
  });
  const auth = { apikey: server.anonKey, authorization: `Bearer ${token}` };
  await throughput(
    16,
    2,
    async () => (await request(`${server.url}/auth/v1/user`, { headers: auth })).status === 200,
  );
  const user = await throughput(
    16,
    10,
    async () => (await request(`${server.url}/auth/v1/user`, { headers: auth })).status === 200,
  );

  console.log(
    `argon2id hash (m=19 MiB, t=2, p=1): median ${median(hashTimes).toFixed(1)} ms over ${hashTimes.length}`,
  );
  console.log(
    `sign-in, 8 concurrent clients: ${signIn.perSecond.toFixed(1)} requests/s (${signIn.ok} ok, ${signIn.failed} failed)`,
  );
  console.log(
    `GET /auth/v1/user with a verified token, 16 concurrent: ${user.perSecond.toFixed(0)} requests/s (${user.ok} ok, ${user.failed} failed)  goal ≥ 2000 → ${(user.perSecond / 2000).toFixed(2)}× goal`,
  );
} finally {
  await server.stop();
}
