// The student's page: join, answer, guess the picture, see the result. The server decides
// everything (the clock, right or wrong, the score); this page shows its state messages and
// sends what the student does (docs/class-protocol.md). No framework, nothing from the
// internet: the browser's own WebSocket to the game that served the page.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const numbers = new Intl.NumberFormat(data.locale);
  const plurals = new Intl.PluralRules(data.locale);
  const TOKEN_KEY = "clarity.student.token";
  // Looks of the answers, the same as the projector's (classroom/views.py CHOICE_LOOKS).
  const LOOKS = [
    ["red", "triangle"], ["blue", "diamond"], ["yellow", "circle"],
    ["green", "square"], ["purple", "star"], ["teal", "hexagon"],
  ];
  const SHAPES = {
    triangle: '<polygon points="12,2 23,21 1,21"/>',
    diamond: '<polygon points="12,1 23,12 12,23 1,12"/>',
    circle: '<circle cx="12" cy="12" r="11"/>',
    square: '<rect x="2" y="2" width="20" height="20" rx="1"/>',
    star: '<polygon points="12,1 15,9 23,9 17,14 19,22 12,17 5,22 7,14 1,9 9,9"/>',
    hexagon: '<polygon points="6,2 18,2 23,12 18,22 6,22 1,12"/>',
  };
  const MEDALS = ["#d4a017", "#a7a7ad", "#b06a2b"];

  const $ = (id) => document.getElementById(id);
  const views = ["lobby", "waiting", "question", "reveal", "leaderboard", "final", "ended", "gone"];

  // -- words ---------------------------------------------------------------------------
  function number(n) {
    // as clarity.i18n.Translator.number writes them: no-break spaces, a real minus sign
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

  // -- the page's state ----------------------------------------------------------------
  let socket = null;
  let attempts = 0;
  let retry = null;         // the timer of the next reconnection
  let stopped = false;      // removed, or the game over: no reconnecting
  let welcomed = false;
  let pendingJoin = null;   // a join typed before the connection opened
  let pendingPin = null;    // a PIN typed before the host said hello
  let helloSeen = false;
  // An older host sends the class list in its hello, to anybody; a newer one only in
  // pin_ok, the reply to a right PIN. Either way the page shows it after the PIN.
  let helloClassList = null;
  let pinChecked = "";      // the PIN the host said is right (or, with an older host, typed)
  let state = null;
  let shownQuestion = null; // "number/kind" of the question whose buttons are built
  // The answer that really went out on the socket, until the server's state says it was
  // taken (you.answered) or refused; a lost connection forgets it (the rejoin's state says).
  let chosen = null;        // {question, index}
  let guessSent = false;    // a guess on its way, until guess_result, an error or a lost link
  let deadline = null;      // performance.now() ms when this student's time runs out
  let frozenLeft = null;    // seconds left while the game is paused
  let wasPaused = false;
  let lastStatus = "";

  function setStatus(text) {
    // the live region announces a change only; the same words again are not news
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
  function show(view) {
    for (const name of views) $(name).hidden = name !== view;
  }

  // -- the connection ------------------------------------------------------------------
  function socketUrl() {
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
  }
  function send(message) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(Object.assign({ v: 1 }, message)));
    return true;
  }
  function connect() {
    socket = new WebSocket(socketUrl());
    socket.addEventListener("open", () => {
      attempts = 0;
      setConnection("");
      const token = sessionStorage.getItem(TOKEN_KEY);
      if (token) {
        send({ type: "join", token: token });
      } else if (pendingJoin) {
        send(pendingJoin);
      }
      // "Not sent" was about the lost connection: it is back
      for (const id of ["answer-note", "guess-note"]) {
        if ($(id).dataset.unsent) { delete $(id).dataset.unsent; $(id).textContent = ""; }
      }
      if (lastStatus === t("not_sent") || lastStatus === t("reconnecting")) setStatus("");
    });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message && typeof message === "object") receive(message);
    });
    socket.addEventListener("close", () => {
      socket = null;
      if (retry !== null) clearTimeout(retry);
      // whatever was on its way may never have arrived: the state after the rejoin says
      // whether it was taken, and until then the controls stay usable
      chosen = null;
      guessSent = false;
      if (!stopped && state && welcomed) render();
      if (stopped) return;
      setConnection(t("reconnecting"));
      // backoff with jitter, so a class whose Wi-Fi came back does not knock all at once
      const delay = Math.min(8000, 500 * 2 ** attempts) * (0.75 + Math.random() / 2);
      attempts = Math.min(attempts + 1, 5);
      retry = setTimeout(() => { retry = null; connect(); }, delay);
    });
  }
  function reconnectNow() {
    // the device's network is back: no need to sit out the rest of the backoff
    if (retry === null || stopped) return;
    clearTimeout(retry);
    retry = null;
    attempts = 0;
    connect();
  }

  function receive(message) {
    switch (message.type) {
      case "hello": return hello(message);
      case "pin_ok": return pinOk(message);
      case "welcome": return welcome(message);
      case "state": return showState(message);
      case "guess_result": return guessResult(message);
      case "error": return serverError(message);
      case "removed": return removedFromGame(message);
      case "replaced": return replacedElsewhere(message);
      default: return undefined;
    }
  }

  function hello(message) {
    helloSeen = true;
    helloClassList = Array.isArray(message.class_list) ? message.class_list : null;
    // a game already over takes nobody new: say so before the student types anything
    if (message.phase === "ended" && !welcomed && !sessionStorage.getItem(TOKEN_KEY)) {
      stopped = true;
      showError(t("game_over"));
      $("join").disabled = true;
      $("pin-next").disabled = true;
      return;
    }
    if (pendingPin !== null && !welcomed) checkPin(pendingPin);
  }

  function checkPin(pin) {
    pendingPin = pin;
    if (!helloSeen) { setConnection(t("connecting")); return; }
    if (helloClassList !== null) {
      // an older host: the PIN is checked with the join
      pinOk({ class_list: helloClassList, pin: pin });
      return;
    }
    if (!send({ type: "check_pin", pin: pin })) setConnection(t("connecting"));
  }

  function pinOk(message) {
    if (welcomed || pendingPin === null) return;
    pinChecked = pendingPin;
    pendingPin = null;
    showError("");
    showClassList(Array.isArray(message.class_list) ? message.class_list : []);
    showNameStep();
  }

  function showPinStep() {
    pinChecked = "";
    $("pin-form").hidden = false;
    $("join-form").hidden = true;
    $("pin").focus();
  }
  function showNameStep() {
    $("pin-form").hidden = true;
    $("join-form").hidden = false;
    $("pin-shown").textContent = t("pin_line", { pin: spacedPin(pinChecked) });
    focusIfLost($("nickname"));
    if (document.activeElement === $("pin") || document.activeElement === $("pin-next")) {
      $("nickname").focus();
    }
  }
  function spacedPin(pin) {
    // as the projector writes it: "341 287"
    return pin.length === 6 ? pin.slice(0, 3) + "\u00a0" + pin.slice(3) : pin;
  }

  function welcome(message) {
    welcomed = true;
    pendingJoin = null;
    sessionStorage.setItem(TOKEN_KEY, message.token);
    $("me").textContent = message.name || "";
    showError("");
    if (!state) {
      show("waiting");
      $("waiting-text").textContent = t("joined", { name: message.name || "" });
      setStatus(t("joined", { name: message.name || "" }));
    }
  }

  function serverError(message) {
    showError(message.message || message.code || "");
    switch (message.code) {
      case "unknown_token":
      case "removed":
        sessionStorage.removeItem(TOKEN_KEY);
        welcomed = false;
        state = null;
        showLobby();
        showPinStep();
        break;
      case "bad_pin":
        pendingPin = null;
        if (!welcomed) { showLobby(); showPinStep(); }
        break;
      case "name_taken":
      case "name_invalid":
      case "unknown_player":
        if (!welcomed) showLobby();
        break;
      case "game_over":
        if (!welcomed) {
          stopped = true;
          showLobby();
          $("join").disabled = true;
          $("pin-next").disabled = true;
        }
        break;
      default:
        // a move refused (too late, twice): show the state as the server last told it
        chosen = null;
        guessSent = false;
        if (state) render();
    }
  }

  function removedFromGame(message) {
    stopped = true;
    sessionStorage.removeItem(TOKEN_KEY);
    show("gone");
    $("guess-box").hidden = true;
    $("gone-text").textContent = message.message || t("removed");
    setStatus(message.message || t("removed"));
  }

  function replacedElsewhere(message) {
    // the same student opened the game in another tab or device: this one steps aside
    // and does not reconnect (the two would take the place from each other in turns)
    stopped = true;
    show("gone");
    $("guess-box").hidden = true;
    $("gone-text").textContent = message.message || "";
    setStatus(message.message || "");
  }

  function focusIfLost(element) {
    // the pressed button went away with the last view: the keyboard goes on from the new
    // one; a student typing a guess keeps their place
    const active = document.activeElement;
    if (!active || active === document.body || active.offsetParent === null) {
      element.focus({ preventScroll: false });
    }
  }

  // -- the lobby -----------------------------------------------------------------------
  function showLobby() {
    show("lobby");
    $("guess-box").hidden = true;
    $("score-chip").hidden = true;
    $("paused").hidden = true;
  }
  function showClassList(entries) {
    const select = $("class-list");
    while (select.options.length > 1) select.remove(1);
    for (const entry of entries) {
      const option = document.createElement("option");
      option.value = String(entry.player);
      option.textContent = entry.name;
      select.append(option);
    }
    $("class-list-box").hidden = entries.length === 0;
  }
  function pinSubmitted(event) {
    event.preventDefault();
    const pin = $("pin").value.replace(/\D/g, "");
    showError("");
    checkPin(pin);
  }
  function joinSubmitted(event) {
    event.preventDefault();
    const pin = pinChecked;
    const picked = $("class-list").value;
    const join = { type: "join", pin: pin };
    if (picked) join.player = Number(picked);
    else join.name = $("nickname").value.trim();
    showError("");
    pendingJoin = Object.assign({ v: 1 }, join);
    if (!send(join)) setConnection(t("connecting"));
  }

  // -- the game ------------------------------------------------------------------------
  function showState(message) {
    state = message;
    // the clock runs from the moment this state arrived, and only a new state sets it again:
    // a redraw of the page (a tap, a lost connection) never restarts it
    deadline = null;
    frozenLeft = null;
    const question = message.question;
    if (message.phase === "question" && question && typeof question.seconds_left === "number") {
      if (message.paused) frozenLeft = Math.ceil(question.seconds_left);
      else deadline = performance.now() + question.seconds_left * 1000;
    }
    const you = message.you || {};
    if (you.answered) chosen = null;  // taken: the server's word replaces the page's
    render();
  }

  function render() {
    const message = state;
    const you = message.you || {};
    const phase = message.phase;
    $("paused").hidden = !message.paused;
    if (welcomed && typeof you.score === "number") {
      $("score-chip").hidden = false;
      $("score-chip").textContent = t("score", { score: you.score });
    }
    if (!welcomed) return;
    if (phase === "lobby") {
      show("waiting");
      $("waiting-text").textContent = t("joined", { name: $("me").textContent });
      setStatus(message.paused ? t("paused") : t("joined", { name: $("me").textContent }));
    } else if (phase === "question" && message.question) {
      showQuestion(message.question, you, message.paused);
    } else if (Array.isArray(message.leaderboard)) {
      // between questions, when the teacher shows it (the host's phase "leaderboard")
      showLeaderboard(message.leaderboard, you);
    } else if (phase === "reveal") {
      showReveal(message.result || {}, you);
    } else if (phase === "final_guess") {
      show("final");
      setStatus(t("final_guess"));
    } else if (phase === "ended") {
      showEnded(message.podium || [], message.mystery || {}, you);
    }
    showGuessBox(phase, you);
  }

  function showQuestion(question, you, paused) {
    show("question");
    const key = question.number + "/" + question.kind;
    if (key !== shownQuestion) {
      shownQuestion = key;
      chosen = null;
      buildQuestion(question);
      setStatus(t("question_of", { number: question.number, total: question.total }));
      focusIfLost($("q-prompt"));
    }
    const answered = Boolean(you.answered);
    const sentForThis = chosen !== null && chosen.question === question.number;
    const waiting = answered || sentForThis || paused;
    for (const button of $("choices").querySelectorAll("button")) {
      button.disabled = waiting;
      const picked = sentForThis && chosen.index === Number(button.dataset.index);
      button.setAttribute("aria-pressed", picked ? "true" : "false");
    }
    $("typed").disabled = waiting;
    $("typed-send").disabled = waiting;
    const note = $("answer-note");
    if (answered) note.textContent = t("answer_sent");
    else if (note.dataset.unsent !== String(question.number)) note.textContent = "";
    if (answered) setStatus(t("answer_sent"));
    else if (paused) setStatus(t("paused"));
    else if (wasPaused) setStatus(t("question_of", { number: question.number, total: question.total }));
    wasPaused = Boolean(paused);
    tick();
  }

  function buildQuestion(question) {
    $("q-number").textContent = t("question_of", { number: question.number, total: question.total });
    $("q-prompt").textContent = question.prompt || "";
    const box = $("choices");
    box.replaceChildren();
    const typed = question.kind === "typed" || question.kind === "number";
    $("typed-form").hidden = !typed;
    box.hidden = typed;
    if (typed) {
      $("typed").value = "";
      $("typed").setAttribute("inputmode", question.kind === "number" ? "decimal" : "text");
      return;
    }
    let choices = question.choices || [];
    if (question.kind === "truefalse") {
      choices = [
        { text: t("true"), colour: "blue", shape: "diamond", truth: true },
        { text: t("false"), colour: "red", shape: "triangle", truth: false },
      ];
    }
    choices.forEach((choice, index) => {
      const look = LOOKS[index % LOOKS.length];
      const colour = choice.colour || look[0];
      const shape = SHAPES[choice.shape] ? choice.shape : look[1];
      const button = document.createElement("button");
      button.type = "button";
      button.className = "choice look-" + colour;
      button.dataset.index = String(index);
      // the letter and the shape are for the eye: the button's name is the answer's text
      const shapeBox = document.createElement("span");
      shapeBox.className = "choice-shape";
      shapeBox.setAttribute("aria-hidden", "true");
      shapeBox.innerHTML = '<svg viewBox="0 0 24 24" focusable="false">' + SHAPES[shape] + "</svg>";
      button.append(shapeBox);
      if (choice.letter) {
        const letter = document.createElement("span");
        letter.className = "choice-letter";
        letter.setAttribute("aria-hidden", "true");
        letter.textContent = choice.letter;
        button.append(letter);
      }
      const text = document.createElement("span");
      text.className = "choice-text";
      text.textContent = choice.text;
      button.append(text);
      button.addEventListener("click", () => {
        const answer = { type: "answer", question: question.number };
        if (question.kind === "truefalse") answer.truth = choice.truth;
        else answer.choice = index;
        sendAnswer(answer, index);
      });
      box.append(button);
    });
  }

  function typedSubmitted(event) {
    event.preventDefault();
    if (!state || !state.question) return;
    const text = $("typed").value.trim();
    if (!text) return;
    sendAnswer({ type: "answer", question: state.question.number, text: text }, -1);
  }

  function sendAnswer(answer, index) {
    // sent only when it really went out; taken only when the server's state says so
    const note = $("answer-note");
    if (send(answer)) {
      chosen = { question: answer.question, index: index };
      delete note.dataset.unsent;
      note.textContent = "";
    } else {
      note.textContent = t("not_sent");
      note.dataset.unsent = String(answer.question);
      setStatus(t("not_sent"));
    }
    if (state) render();
  }

  function tick() {
    const answered = Boolean(state && state.you && state.you.answered);
    if (answered) { $("q-time").textContent = ""; return; }
    if (frozenLeft !== null && !$("question").hidden) {
      $("q-time").textContent = tn("seconds_left", frozenLeft);
      return;
    }
    if (deadline === null || $("question").hidden) {
      $("q-time").textContent = "";
      return;
    }
    const left = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
    $("q-time").textContent = tn("seconds_left", left);
  }

  function showReveal(result, you) {
    show("reveal");
    focusIfLost($("verdict"));
    const verdict = $("verdict");
    let words;
    if (result.answered === false || result.right === null || result.right === undefined) {
      words = t("no_answer");
      verdict.className = "verdict wrong";
    } else if (result.right) {
      words = t("right");
      verdict.className = "verdict right";
    } else {
      words = t("wrong");
      verdict.className = "verdict wrong";
    }
    verdict.textContent = words;
    const points = typeof result.points === "number" ? result.points : 0;
    $("points").textContent = result.right || points ? tn("points", points) : "";
    $("right-answer").textContent = result.right_answer ? t("right_answer", { answer: result.right_answer }) : "";
    $("explain").textContent = result.explain || "";
    const score = typeof result.score === "number" ? result.score : you.score;
    const place = typeof result.place === "number" ? result.place : you.place;
    $("reveal-score").textContent = typeof score === "number" ? t("score", { score: score }) : "";
    $("reveal-place").textContent = typeof place === "number" ? t("place", { place: place }) : "";
    setStatus([words, $("points").textContent, $("reveal-score").textContent, $("reveal-place").textContent]
      .filter(Boolean).join(" "));
  }

  function rankingItems(list, lines) {
    list.replaceChildren();
    const me = $("me").textContent;
    lines.forEach((line, index) => {
      const item = document.createElement("li");
      if (line.name === me) item.classList.add("mine");
      const place = typeof line.place === "number" ? line.place : index + 1;
      if (list.id === "podium" && place <= MEDALS.length) {
        // ties share a place, and its medal
        const medal = document.createElement("span");
        medal.className = "medal";
        medal.setAttribute("aria-hidden", "true");
        medal.innerHTML = '<svg viewBox="0 0 24 24"><circle cx="12" cy="12" r="11" fill="' +
          MEDALS[place - 1] + '"/></svg>';
        item.append(medal);
      }
      item.append(document.createTextNode(t("standing", {
        place: place,
        name: line.name,
        score: line.score,
      })));
      list.append(item);
    });
  }

  function showLeaderboard(lines, you) {
    show("leaderboard");
    focusIfLost($("leaderboard-heading"));
    rankingItems($("leaderboard-list"), lines);
    // a student below the first five still sees where they are
    const listed = lines.some((line) => line.student === you.student && you.student !== undefined);
    const own = $("own-place");
    const words = !listed && typeof you.place === "number" && typeof you.score === "number"
      ? t("own_place", { place: you.place, score: you.score }) : "";
    own.textContent = words;
    own.hidden = !words;
    setStatus([t("leaderboard"), words].filter(Boolean).join(" "));
  }

  function showEnded(podium, mystery, you) {
    show("ended");
    focusIfLost($("podium-heading"));
    stopped = true;
    rankingItems($("podium"), podium);
    $("mystery-answer").textContent = mystery.answer ? t("mystery_answer", { answer: mystery.answer }) : "";
    $("first-guesser").textContent = mystery.first_guesser
      ? t("first_guesser", { name: mystery.first_guesser }) : "";
    $("mystery-caption").textContent = mystery.caption || "";
    $("mystery-caption").hidden = !mystery.caption;
    const text = typeof you.score === "number" && typeof you.place === "number"
      ? t("your_result", { score: you.score, place: you.place }) : "";
    $("ended-result").textContent = text;
    setStatus([t("game_over"), text].filter(Boolean).join(" "));
  }

  // -- the mystery picture -------------------------------------------------------------
  function showGuessBox(phase, you) {
    const open = ["question", "reveal", "leaderboard", "final_guess"].includes(phase);
    const box = $("guess-box");
    box.hidden = !open;
    if (!open) return;
    const used = Boolean(you.guessed_this_question);
    const done = Boolean(you.guessed_right);
    // can_guess is the server's word (paused, removed, ...); without it, what the page knows
    const blocked = you.can_guess === false || used || done || guessSent;
    $("guess-form").hidden = done;
    $("guess").disabled = blocked;
    $("guess-send").disabled = blocked;
    const note = $("guess-note");
    if (note.dataset.unsent) return;
    // the verdict of this question's guess stays until the next question
    if (note.dataset.question === String(currentNumber()) && note.textContent) return;
    delete note.dataset.question;
    if (done) note.textContent = t("guessed_right");
    else if (used) note.textContent = t("guess_used");
    else note.textContent = "";
  }
  function currentNumber() {
    return state && state.question ? state.question.number : "";
  }
  function guessSubmitted(event) {
    event.preventDefault();
    const text = $("guess").value.trim();
    if (!text) return;
    const note = $("guess-note");
    if (send({ type: "guess", text: text })) {
      guessSent = true;
      delete note.dataset.unsent;
      $("guess").disabled = true;
      $("guess-send").disabled = true;
    } else {
      // nothing went out: the guess stays typed, to send again once the page is back
      note.textContent = t("not_sent");
      note.dataset.unsent = "1";
      setStatus(t("not_sent"));
    }
  }
  function guessResult(message) {
    guessSent = false;
    delete $("guess-note").dataset.unsent;
    const points = Math.abs(typeof message.points === "number" ? message.points : 0);
    const words = message.right
      ? tn("guess_right", points)
      : (points ? t("guess_wrong") + " " + tn("penalty", points) : t("guess_wrong"));
    $("guess-note").textContent = words;
    $("guess-note").dataset.question = String(currentNumber());
    $("guess").value = "";
    setStatus(words);
  }

  // -- start ---------------------------------------------------------------------------
  const pinFromLink = new URLSearchParams(location.search).get("pin");
  if (pinFromLink) $("pin").value = pinFromLink.replace(/\D/g, "").slice(0, 6);
  $("pin-form").addEventListener("submit", pinSubmitted);
  $("join-form").addEventListener("submit", joinSubmitted);
  $("pin-change").addEventListener("click", () => { showError(""); showPinStep(); });
  $("typed-form").addEventListener("submit", typedSubmitted);
  $("guess-form").addEventListener("submit", guessSubmitted);
  $("class-list").addEventListener("change", () => {
    $("nickname").disabled = Boolean($("class-list").value);
  });
  setInterval(tick, 250);
  window.addEventListener("online", reconnectNow);
  if (sessionStorage.getItem(TOKEN_KEY)) {
    show("waiting");
    setConnection(t("connecting"));
  } else {
    showLobby();
    $("pin").focus();
    // the projector's QR code carries the PIN: it is checked as soon as the host says hello
    if (pinFromLink) pendingPin = $("pin").value;
  }
  connect();
})();
