/* Safar video player: progressive enhancement of a plain <video>.
   - quality choice (MP4 rungs, native HLS "Automatic" where the browser has it,
     sound only) and a remembered "data saver" (240p);
   - reports played segments to the server (played/paused/seeked/completed),
     and `terminated` when the learner leaves the page or hides it (pagehide,
     visibilitychange→hidden) with navigator.sendBeacon; a viewing that goes
     on after that is a new session. */
(function () {
  "use strict";
  var SAVER_KEY = "safar.dataSaver";

  function store(key, value) {
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function stored(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx".replace(/x/g, function () { return (Math.random() * 16 | 0).toString(16); });
  }

  function setup(figure) {
    if (figure.getAttribute("data-ready")) return;
    figure.setAttribute("data-ready", "1");
    var video = figure.querySelector("video, audio");  /* an audio lesson: <audio> */
    var tools = figure.querySelector("[data-player-tools]");
    var select = figure.querySelector("[data-quality-select]");
    var saver = figure.querySelector("[data-saver]");
    if (!video) return;

    /* The player reports what is watched: its file requests say so, so that the
       server counts them as the player's (fetching a whole file without the
       player is the route to finishing a lesson without JavaScript). */
    var marked = function (url) { return url + (url.indexOf("?") === -1 ? "?" : "&") + "player=1"; };
    var sources = video.querySelectorAll("source");
    for (var s = 0; s < sources.length; s++) sources[s].src = marked(sources[s].getAttribute("src"));
    var options = select ? select.options : [];
    for (var o = 0; o < options.length; o++) {
      if (!options[o].hasAttribute("data-hls")) options[o].value = marked(options[o].value);
    }
    if (sources.length && !video.currentTime) video.load();  /* preload="none": fetches nothing yet */

    /* Poster: phones keep the small one; a wide player gets the full poster. */
    var large = video.getAttribute("data-poster-large");
    if (large && stored(SAVER_KEY) !== "1" && video.clientWidth > 480) video.poster = large;

    /* Quality: keep the position and the playing state when switching. */
    if (select && tools) {
      var hlsOption = select.querySelector("[data-hls]");
      if (hlsOption && !video.canPlayType("application/vnd.apple.mpegurl")) hlsOption.remove();
      var choose = function (key) {
        for (var i = 0; i < select.options.length; i++) {
          if (select.options[i].getAttribute("data-key") === key) { select.selectedIndex = i; return true; }
        }
        return false;
      };
      var apply = function () {
        var url = select.value;
        if (video.currentSrc && video.currentSrc.indexOf(url) !== -1) return;
        var at = video.currentTime, playing = !video.paused;
        video.src = url;
        if (at > 0 || playing) {
          video.addEventListener("loadedmetadata", function once() {
            video.removeEventListener("loadedmetadata", once);
            if (at) video.currentTime = at;
            if (playing) video.play();
          });
          video.load();
        }
      };
      select.addEventListener("change", apply);
      if (saver) {
        saver.checked = stored(SAVER_KEY) === "1";
        if (saver.checked && choose("240p")) apply();
        saver.addEventListener("change", function () {
          store(SAVER_KEY, saver.checked ? "1" : null);
          if (saver.checked) { choose("240p") || (select.selectedIndex = 0); }
          else { choose("360p") || choose("240p"); }
          apply();
        });
      }
      tools.hidden = false;
    }

    /* Played segments, reported to the server. */
    var url = figure.getAttribute("data-events-url");
    if (!url || !window.fetch) return;
    var session = uuid(), csrf = figure.getAttribute("data-csrf");
    var pending = [], start = null, last = null, reported = false;
    var close = function () {
      if (start !== null && last !== null && last > start) pending.push([+start.toFixed(3), +last.toFixed(3)]);
      start = video.paused ? null : video.currentTime;
      last = start;
    };
    var send = function (verb, keepalive) {
      close();
      if (!pending.length && verb === "played") return;
      reported = true;
      var body = JSON.stringify({ video: figure.getAttribute("data-video"), session: session, verb: verb,
        segments: pending.splice(0, pending.length), position: video.currentTime || 0 });
      fetch(url, { method: "POST", credentials: "same-origin", keepalive: !!keepalive,
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: body }).catch(function () {
        /* offline: queued on the phone and sent later (safar/offline.js), where it runs */
        if (window.safarQueue) window.safarQueue("video", JSON.parse(body));
      });
    };
    video.addEventListener("playing", function () { start = last = video.currentTime; });
    video.addEventListener("timeupdate", function () {
      if (start === null || video.seeking) return;
      var now = video.currentTime;
      if (now >= last && now - last < 3) last = now; else { close(); start = last = now; }
    });
    video.addEventListener("seeking", function () { if (start !== null) { close(); start = null; } });
    video.addEventListener("seeked", function () { send("seeked"); if (!video.paused) start = last = video.currentTime; });
    video.addEventListener("pause", function () { if (!video.ended) send("paused"); });
    video.addEventListener("ended", function () { last = video.duration || last; send("completed"); });
    setInterval(function () { if (!video.paused) send("played"); }, 15000);
    /* Leaving: a beacon survives the page (it cannot set headers, so the CSRF
       token goes in the form, as Django reads it). */
    var terminate = function () {
      close();
      if (!reported && !pending.length) return;
      var body = JSON.stringify({ video: figure.getAttribute("data-video"), session: session, verb: "terminated",
        segments: pending.splice(0, pending.length), position: video.currentTime || 0 });
      var form = new URLSearchParams();
      form.append("csrfmiddlewaretoken", csrf);
      form.append("event", body);
      var sent = false;
      if (!navigator.onLine && window.safarQueue) { window.safarQueue("video", JSON.parse(body)); sent = true; }
      else try { sent = !!(navigator.sendBeacon && navigator.sendBeacon(url, form)); } catch (e) { sent = false; }
      if (!sent) {
        fetch(url, { method: "POST", credentials: "same-origin", keepalive: true,
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrf }, body: body })
          .catch(function () { if (window.safarQueue) window.safarQueue("video", JSON.parse(body)); });
      }
      session = uuid();  /* coming back and playing again is a new viewing */
      reported = false;
    };
    window.addEventListener("pagehide", terminate);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") terminate();
    });
  }

  var players = document.querySelectorAll("[data-video-player]");
  for (var i = 0; i < players.length; i++) setup(players[i]);
})();
