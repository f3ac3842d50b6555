// The guest page's browser script (plain ES2020, no build step). Written without template literals
// so it can live inside this TypeScript string. Everything user-visible goes through textContent.
export const guestPageScript = `
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("guest-config").textContent);
  var select = document.getElementById("reservation");
  var section = document.querySelector("[data-testid=thread-section]");
  var thread = document.getElementById("thread");
  var stay = document.getElementById("stay");
  var form = document.getElementById("compose");
  var textarea = document.getElementById("message");
  var fileInput = document.getElementById("image");
  var button = form.querySelector("button");
  var statusLine = document.getElementById("status");
  var errorLine = document.getElementById("error");
  var images = {};
  var current = null;
  var timer = null;
  var sending = false;

  function api(path, body) {
    return fetch(config.apiBase + path, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Authorization": "Bearer " + config.token,
        "X-Affiliate-Id": String(config.affiliateId),
        "X-Sandbox-Extensions": "read-status"
      },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          var message = json.errors && json.errors[0] ? json.errors[0].message : "HTTP " + response.status;
          throw new Error(message);
        }
        return json;
      });
    });
  }

  function selection() {
    var option = select.options[select.selectedIndex];
    if (!option || !option.value) return null;
    return { conversation: option.value, accommodation: option.getAttribute("data-accommodation") };
  }

  function showError(error) { errorLine.textContent = error ? String(error.message || error) : ""; }

  function formatTime(iso) {
    try { return new Date(iso).toLocaleString(); } catch (e) { return iso; }
  }

  function loadImage(img, attachmentId) {
    if (images[attachmentId]) { img.src = images[attachmentId]; return; }
    api("/attachments/metadata", { conversation: current.conversation, accommodation: current.accommodation, attachment: attachmentId })
      .then(function (meta) {
        return api("/attachments/download", { conversation: current.conversation, accommodation: current.accommodation, attachment: attachmentId })
          .then(function (file) {
            images[attachmentId] = "data:" + meta.data.metadata.file_type + ";base64," + file.data.file_content;
            img.src = images[attachmentId];
            img.alt = "Image " + meta.data.metadata.file_name;
          });
      })
      .catch(function () { img.alt = "Image could not be loaded"; });
  }

  function render(conversation) {
    var info = conversation.sandbox || {};
    stay.textContent = (info.property_name || "") + " · " + (info.guest_name || "") + " · " + (info.checkin || "") + " → " + (info.checkout || "") +
      (info.cancelled ? " · cancelled" : "") + " · you can write until " + formatTime(info.guest_can_send_until);
    var guestId = conversation.participants.filter(function (p) { return p.metadata.type === "guest"; })[0].id;
    var propertyId = info.property_participant_id;
    var fragment = document.createDocumentFragment();
    conversation.messages.forEach(function (message) {
      var fromGuest = message.sender === guestId;
      var item = document.createElement("li");
      item.className = "message";
      item.setAttribute("data-testid", "message");
      item.setAttribute("data-message-id", message.id);
      item.setAttribute("data-sender", fromGuest ? "guest" : "property");
      var meta = document.createElement("div");
      meta.className = "meta";
      var who = document.createElement("span");
      who.textContent = fromGuest ? "You" : (info.property_name || "Property");
      var when = document.createElement("time");
      when.dateTime = message.timestamp;
      when.textContent = formatTime(message.timestamp);
      meta.appendChild(who);
      meta.appendChild(when);
      if (fromGuest) {
        var read = (message.sandbox_read_by || []).indexOf(propertyId) >= 0;
        var badge = document.createElement("span");
        badge.className = "read-status";
        badge.setAttribute("data-testid", "read-status");
        badge.setAttribute("data-read", read ? "true" : "false");
        badge.textContent = read ? "Read by the property" : "Not read yet";
        meta.appendChild(badge);
      }
      var content = document.createElement("p");
      content.className = "content";
      content.textContent = message.content;
      item.appendChild(meta);
      item.appendChild(content);
      (message.attachments || []).forEach(function (attachmentId) {
        var img = document.createElement("img");
        img.alt = "Image (loading)";
        img.setAttribute("data-testid", "message-image");
        item.appendChild(img);
        loadImage(img, attachmentId);
      });
      fragment.appendChild(item);
    });
    thread.replaceChildren(fragment);
  }

  function refresh() {
    var chosen = selection();
    if (!chosen) return Promise.resolve();
    return api("/conversations", chosen).then(function (json) {
      if (!current || current.conversation !== chosen.conversation) return;
      render(json.data.conversations || json.data.conversation);
      showError(null);
    }).catch(showError);
  }

  function choose() {
    current = selection();
    if (timer) clearInterval(timer);
    thread.replaceChildren();
    section.hidden = !current;
    if (!current) return;
    var url = new URL(window.location.href);
    url.searchParams.set("conversation", current.conversation);
    history.replaceState(null, "", url.toString());
    statusLine.textContent = "Loading conversation…";
    refresh().then(function () { statusLine.textContent = ""; });
    timer = setInterval(function () { if (!sending) refresh(); }, 4000);
  }

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result).split(",")[1] || ""); };
      reader.onerror = function () { reject(new Error("Could not read the file")); };
      reader.readAsDataURL(file);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!current || sending) return;
    var content = textarea.value;
    if (!content.trim()) { showError(new Error("Write a message first.")); return; }
    var file = fileInput.files && fileInput.files[0];
    sending = true;
    button.disabled = true;
    showError(null);
    statusLine.textContent = "Sending…";
    var target = current;
    var upload = file
      ? readFile(file).then(function (base64) {
          return api("/attachments/upload", {
            conversation: target.conversation, accommodation: target.accommodation,
            file_size: file.size, file_name: file.name, file_type: file.type || "application/octet-stream", file_content: base64
          }).then(function (json) { return [json.data.attachment]; });
        })
      : Promise.resolve([]);
    upload.then(function (attachments) {
      var body = { conversation: target.conversation, accommodation: target.accommodation, content: content };
      if (attachments.length) body.attachments = attachments;
      return api("/send", body);
    }).then(function () {
      textarea.value = "";
      fileInput.value = "";
      statusLine.textContent = "Sent.";
      return refresh();
    }).catch(function (error) {
      statusLine.textContent = "";
      showError(error);
    }).then(function () {
      sending = false;
      button.disabled = false;
    });
  });

  select.addEventListener("change", choose);
  if (select.value) choose();
})();
`;
