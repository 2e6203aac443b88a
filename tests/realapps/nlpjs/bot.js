// Trailhead's shop assistant: an NLP.js (node-nlp) model trained on corpus.json at start, behind a small
// chat API as a team would put it online. POST /chat {"session", "message"} answers
// {"session", "reply", "intent", "score"}: NLP.js's own intent and classification score.
// The team answers with its best intent down to a score of 0.3 (fewer "I don't understand" for
// customers), and falls back below it. Usage: node bot.js PORT
"use strict";
const http = require("http");
const path = require("path");
const crypto = require("crypto");
const { NlpManager } = require("node-nlp");

const ANSWER_FROM = 0.3;
const CORPUS = require(path.join(__dirname, "corpus.json"));
const ANSWERS = Object.fromEntries(CORPUS.data.map((item) => [item.intent, item.answers[0]]));
const FALLBACK = "Sorry, I don't understand. Could you rephrase that?";

async function main() {
  const manager = new NlpManager({ languages: ["en"], forceNER: true, nlu: { log: false }, autoSave: false });
  manager.addCorpus(CORPUS);
  await manager.train();
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => { body += chunk; if (body.length > 1e5) request.destroy(); });
    request.on("end", async () => {
      const reply = (status, payload) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(payload));
      };
      if (request.method !== "POST" || request.url !== "/chat") return reply(404, { error: "POST /chat" });
      let message, session;
      try {
        ({ message, session } = JSON.parse(body));
      } catch (error) {
        return reply(400, { error: "not JSON" });
      }
      if (typeof message !== "string" || !message.trim()) return reply(400, { error: "message must be non-empty text" });
      let result;
      try {
        result = await manager.process("en", message);
      } catch (error) {
        return reply(500, { error: String(error) });
      }
      const scored = result.classifications && result.classifications[0];
      const intent = scored ? scored.intent : "None";
      const score = scored ? scored.score : 0;
      const answer = intent !== "None" && score >= ANSWER_FROM ? ANSWERS[intent] : null;
      reply(200, {
        session: session || crypto.randomUUID(),
        reply: answer || FALLBACK,
        intent: answer ? intent : "None",
        score: Math.round(score * 1000) / 1000,
      });
    });
  });
  server.listen(Number(process.argv[2] || 0), "127.0.0.1", () => {
    console.log(`listening on http://127.0.0.1:${server.address().port}/`);
  });
}

main().catch((error) => { console.error(error); process.exit(1); });
