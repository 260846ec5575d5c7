// The teacher's page (/teacher?token=...): the students with a button to remove each, the
// game's controls, and at a typed question's reveal the answers the pack refused, each with
// a button that accepts it. The token proves the teacher on the WebSocket; the server
// checks every command (docs/class-protocol.md).
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const numbers = new Intl.NumberFormat(data.locale);
  const plurals = new Intl.PluralRules(data.locale);
  const $ = (id) => document.getElementById(id);

  function number(n) {
    return numbers.format(n).replace(/\u202f/g, "\u00a0").replace("-", "\u2212");
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (slot, name) => {
      if (!(name in values)) return slot;
      const value = values[name];
      return typeof value === "number" ? number(value) : String(value);
    });
  }
  function t(key, values) { return fill(data.texts[key], values || {}); }
  function tn(key, count, values) {
    const forms = data.plurals[key];
    const form = forms[plurals.select(count)] || forms.other;
    return fill(form, Object.assign({}, values || {}, { count: count }));
  }

  const token = new URLSearchParams(location.search).get("token") || "";
  let socket = null;
  let attempts = 0;
  let stopped = false;
  let state = null;
  let lastStatus = "";

  function setStatus(text) {
    if (text === lastStatus) return;
    lastStatus = text;
    $("status").textContent = text;
  }
  function setConnection(text) {
    // shown while there is no connection, and said once
    $("connection").textContent = text;
    $("connection").hidden = !text;
    if (text) setStatus(text);
  }
  function showError(text) {
    $("error").textContent = text;
    $("error").hidden = !text;
  }

  function send(message) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify(Object.assign({ v: 1 }, message)));
  }
  function command(name, extra) {
    showError("");
    send(Object.assign({ type: "command", command: name }, extra || {}));
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws");
    socket.addEventListener("open", () => {
      attempts = 0;
      setConnection("");
      send({ type: "teacher", token: token });
    });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (!message || typeof message !== "object") return;
      if (message.type === "teacher_state") showState(message);
      else if (message.type === "error") {
        showError(message.message || message.code || "");
        if (message.code === "not_teacher") stopped = true;
      }
    });
    socket.addEventListener("close", () => {
      socket = null;
      if (stopped) return;
      setConnection(t("reconnecting"));
      const delay = Math.min(8000, 500 * 2 ** attempts) * (0.75 + Math.random() / 2);
      attempts = Math.min(attempts + 1, 5);
      setTimeout(connect, delay);
    });
  }

  function showState(message) {
    state = message;
    const phase = message.phase;
    const players = (message.players || []).filter((player) => !player.removed);
    const phaseKey = "phase_" + phase;
    $("phase").textContent = data.texts[phaseKey] !== undefined ? t(phaseKey) : phase;
    if (message.question && phase === "question") {
      $("phase").textContent = t("question_of", {
        number: message.question.number, total: message.question.total,
      });
    }
    $("paused").hidden = !message.paused;

    $("pin").textContent = message.pin && phase !== "ended" ? t("pin_line", { pin: String(message.pin) }) : "";
    const counts = [];
    if (phase === "question") {
      const active = typeof message.active === "number" ? message.active : players.length;
      counts.push(tn("answered", message.answered || 0, { total: active }));
    }
    if (["question", "reveal", "leaderboard", "final_guess"].includes(phase)) {
      counts.push(tn("guessers", message.guessed_right || 0));
    }
    $("counts").textContent = counts.join(" · ");
    $("notice").textContent = message.notice || "";

    const over = phase === "ended";
    $("start").hidden = phase !== "lobby";
    $("start").disabled = players.length === 0;
    $("next").hidden = phase === "lobby" || over;
    $("pause").hidden = phase === "lobby" || over;
    $("pause").textContent = message.paused ? t("resume") : t("pause");
    const shown = message.leaderboard !== false;
    $("leaderboard").hidden = over;
    $("leaderboard").setAttribute("aria-pressed", shown ? "true" : "false");
    $("end").hidden = over;
    if (over) $("end-confirm").hidden = true;

    showPlayers(players, phase);
    showRefused(message.refused || [], phase);
    setStatus(message.paused ? t("paused") : $("phase").textContent);
  }

  function showPlayers(players, phase) {
    const list = $("players");
    list.replaceChildren();
    $("no-students").hidden = players.length > 0;
    for (const player of players) {
      const item = document.createElement("li");
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = player.name;
      if (phase === "question" && player.answered) name.classList.add("answered");
      item.append(name);
      if (player.connected === false) {
        const offline = document.createElement("span");
        offline.className = "offline";
        offline.textContent = t("offline");
        item.append(offline);
      }
      const score = document.createElement("span");
      score.textContent = number(player.score || 0);
      item.append(score);
      if (phase !== "ended") {
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "action secondary";
        remove.textContent = t("remove");
        remove.setAttribute("aria-label", t("remove_name", { name: player.name }));
        remove.addEventListener("click", () => command("remove", { student: player.student }));
        item.append(remove);
      }
      list.append(item);
    }
  }

  function showRefused(refused, phase) {
    const list = $("refused");
    list.replaceChildren();
    $("refused-box").hidden = refused.length === 0 || phase !== "reveal";
    for (const entry of refused) {
      const item = document.createElement("li");
      const text = document.createElement("span");
      text.className = "text";
      text.textContent = entry.text;
      const count = document.createElement("span");
      count.className = "note";
      count.textContent = tn("given_by", entry.count || 0);
      const accept = document.createElement("button");
      accept.type = "button";
      accept.className = "action";
      accept.textContent = t("accept");
      accept.setAttribute("aria-label", t("accept_text", { text: entry.text }));
      accept.addEventListener("click", () => {
        accept.disabled = true;
        command("accept", { text: entry.text });
      });
      item.append(text, count, accept);
      list.append(item);
    }
  }

  $("start").addEventListener("click", () => command("start"));
  $("next").addEventListener("click", () => command("next"));
  $("pause").addEventListener("click", () => command(state && state.paused ? "resume" : "pause"));
  $("leaderboard").addEventListener("click", () => {
    const shown = $("leaderboard").getAttribute("aria-pressed") === "true";
    command("leaderboard", { show: !shown });
  });
  $("end").addEventListener("click", () => {
    $("end-confirm").hidden = false;
    $("end-no").focus();
  });
  $("end-no").addEventListener("click", () => {
    $("end-confirm").hidden = true;
    $("end").focus();
  });
  $("end-yes").addEventListener("click", () => {
    $("end-confirm").hidden = true;
    command("end");
  });

  if (!token) {
    showError(t("no_token"));
  } else {
    setConnection(t("connecting"));
    connect();
  }
})();
