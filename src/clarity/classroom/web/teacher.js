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
  // the student whose Remove, or the refused text whose Accept, waits for "Yes"
  let removing = null;
  let accepting = null;
  // a notice is news of one moment: it goes when the game moves on, or after a while
  const NOTICE_SECONDS = 8;
  let notice = { text: "", moment: "", since: 0 };

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

    $("pin").textContent = message.pin && phase !== "ended"
      ? t("pin_line", { pin: spacedPin(String(message.pin)) }) : "";
    // the teacher opened this page at the address the students use, the path aside
    $("address").textContent = phase !== "ended"
      ? t("students_at", { address: message.students_url || location.origin }) : "";
    showReveal(message);
    const counts = [];
    if (phase === "question") {
      const active = typeof message.active === "number" ? message.active : players.length;
      counts.push(tn("answered", message.answered || 0, { total: active }));
    }
    if (["question", "reveal", "leaderboard", "final_guess"].includes(phase)) {
      counts.push(tn("guessers", message.guessed_right || 0));
    }
    $("counts").textContent = counts.join(" · ");
    showNotice(message);

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
    // a rebuilt list took the focused Cancel with it: the new one takes the focus
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) focusConfirm();
    pendingFocus = null;
    setStatus(message.paused ? t("paused") : $("phase").textContent);
  }

  function spacedPin(pin) {
    // as the projector writes it: "341 287"
    return pin.length === 6 ? pin.slice(0, 3) + "\u00a0" + pin.slice(3) : pin;
  }

  function moment(message) {
    const question = message.question ? message.question.number : "";
    return [message.phase, question, Boolean(message.paused)].join("/");
  }
  function showNotice(message) {
    const text = message.notice || "";
    const now = moment(message);
    if (text !== notice.text) notice = { text: text, moment: now, since: performance.now() };
    const over = now !== notice.moment || performance.now() - notice.since > NOTICE_SECONDS * 1000;
    $("notice").textContent = over ? "" : text;
  }

  function showReveal(message) {
    const question = message.question;
    const shown = message.phase === "reveal" && question;
    $("reveal-box").hidden = !shown;
    if (!shown) return;
    $("reveal-question").textContent = t("reveal_question", {
      number: question.number, prompt: question.prompt || "",
    });
    const answer = message.right_answer || question.right_answer || "";
    $("reveal-answer").textContent = answer ? t("right_answer", { answer: answer }) : "";
    $("reveal-answer").hidden = !answer;
  }

  function confirmBox(question, yes, style, onYes, onNo) {
    // one more tap, in the page (no browser dialog: it would stop the page's socket reads)
    const box = document.createElement("div");
    box.className = "confirm";
    box.setAttribute("role", "group");
    const words = document.createElement("p");
    words.textContent = question;
    const yesButton = document.createElement("button");
    yesButton.type = "button";
    yesButton.className = style;
    yesButton.textContent = yes;
    yesButton.addEventListener("click", onYes);
    const noButton = document.createElement("button");
    noButton.type = "button";
    noButton.className = "action secondary";
    noButton.textContent = t("cancel");
    noButton.addEventListener("click", onNo);
    box.setAttribute("aria-label", question);
    box.append(words, yesButton, noButton);
    return { box: box, focus: () => noButton.focus() };
  }

  let pendingFocus = null;
  function focusConfirm() {
    if (pendingFocus) pendingFocus();
    pendingFocus = null;
  }

  function showPlayers(players, phase) {
    const list = $("players");
    if (!players.some((player) => player.student === removing)) removing = null;
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
        remove.addEventListener("click", () => {
          removing = player.student;
          showPlayers(players, phase);
          focusConfirm();
        });
        item.append(remove);
        if (removing === player.student) {
          const asked = confirmBox(t("remove_confirm", { name: player.name }), t("remove_yes"), "action danger", () => {
            removing = null;
            command("remove", { student: player.student });
          }, () => {
            removing = null;
            showPlayers(players, phase);
          });
          item.append(asked.box);
          pendingFocus = asked.focus;
        }
      }
      list.append(item);
    }
  }

  function showRefused(refused, phase) {
    const list = $("refused");
    if (!refused.some((entry) => entry.text === accepting)) accepting = null;
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
        accepting = entry.text;
        showRefused(refused, phase);
        focusConfirm();
      });
      item.append(text, count, accept);
      if (accepting === entry.text) {
        let question = t("accept_confirm", { text: entry.text });
        if (state && state.own_pack) question += " " + t("accept_pack_note");
        const asked = confirmBox(question, t("accept_yes"), "action", () => {
          accepting = null;
          command("accept", { text: entry.text });
          showRefused([], phase);
        }, () => {
          accepting = null;
          showRefused(refused, phase);
        });
        item.append(asked.box);
        pendingFocus = asked.focus;
      }
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

  // the notice's time runs out without a new state
  setInterval(() => { if (state) showNotice(state); }, 1000);

  if (!token) {
    showError(t("no_token"));
  } else {
    setConnection(t("connecting"));
    connect();
  }
})();
