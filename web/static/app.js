/* isms web application: progressive enhancement only.  Every page works
 * without it; with it, deletions ask first and evidence uploads show
 * their progress.  No inline script anywhere (the Content-Security-Policy
 * forbids it). */
"use strict";

document.addEventListener("submit", function (event) {
	var form = event.target;
	var question = form.getAttribute("data-confirm");

	if (question && !window.confirm(question)) {
		event.preventDefault();
		return;
	}
	/* One submission at a time: the button says it is working. */
	var button = form.querySelector("button[type=submit], button:not([type])");
	if (button && !form.hasAttribute("data-upload")) {
		setTimeout(function () { button.disabled = true; }, 0);
	}
});

/* ---- the gap assessment and the evidence register: uploads ----
 *
 * A <form class="upload" data-upload="API"> (hidden until this runs) sends
 * its file as the body of POST API?kind=...&title=..., with the session's
 * CSRF token and, where the browser can compute it, the file's SHA-256 for
 * the server to check on arrival.  With data-link="PATH/" it then links the
 * stored file (PUT PATH/SHA).  Progress shows in its <progress>; at the end
 * the page at data-next reloads with ?uploaded=SHA, which it turns into a
 * message. */
(function () {
	function csrfToken() {
		var meta = document.querySelector('meta[name="csrf-token"]');
		return meta ? meta.getAttribute("content") : "";
	}

	/* The API's message from an error answer, else the HTTP status. */
	function problem(xhr) {
		try {
			return JSON.parse(xhr.responseText).error.message;
		} catch (e) {
			return "the server answered " + xhr.status;
		}
	}

	function request(method, url, body, headers, onprogress) {
		return new Promise(function (resolve, reject) {
			var xhr = new XMLHttpRequest();

			xhr.open(method, url);
			xhr.setRequestHeader("X-CSRF-Token", csrfToken());
			Object.keys(headers).forEach(function (name) {
				xhr.setRequestHeader(name, headers[name]);
			});
			if (onprogress) {
				xhr.upload.addEventListener("progress", onprogress);
			}
			xhr.addEventListener("load", function () {
				if (xhr.status >= 200 && xhr.status < 300) {
					resolve(xhr);
				} else {
					reject(new Error(problem(xhr)));
				}
			});
			xhr.addEventListener("error", function () {
				reject(new Error("the upload did not reach the server"));
			});
			xhr.send(body);
		});
	}

	/* The file's SHA-256 in hex, or "" where the browser cannot say. */
	function digest(file) {
		if (!window.crypto || !window.crypto.subtle || !file.arrayBuffer) {
			return Promise.resolve("");
		}
		return file.arrayBuffer().then(function (bytes) {
			return window.crypto.subtle.digest("SHA-256", bytes);
		}).then(function (hash) {
			return Array.prototype.map.call(new Uint8Array(hash), function (b) {
				return ("0" + b.toString(16)).slice(-2);
			}).join("");
		}).catch(function () {
			return "";
		});
	}

	function query(form, file) {
		var parts = ["filename=" + encodeURIComponent(file.name)];

		["kind", "title", "collected_on", "valid_until", "origin"].forEach(function (name) {
			var field = form.elements[name];
			if (field && field.value) {
				parts.push(name + "=" + encodeURIComponent(field.value));
			}
		});
		return "?" + parts.join("&");
	}

	function upload(form) {
		var input = form.querySelector("input[type=file]");
		var file = input.files && input.files[0];
		var bar = form.querySelector("progress");
		var status = form.querySelector(".upload-status");
		var button = form.querySelector("button[type=submit]");
		var link = form.getAttribute("data-link");

		function say(text, failed) {
			status.textContent = text;
			status.classList.toggle("error", !!failed);
		}
		if (!file) {
			say("Choose a file first.", true);
			return;
		}
		button.disabled = true;
		bar.hidden = false;
		bar.value = 0;
		say("Uploading " + file.name + ": 0%");
		digest(file).then(function (sha) {
			var headers = { "Content-Type": "application/octet-stream" };

			if (sha) {
				headers["X-Content-SHA256"] = sha;
			}
			return request("POST", form.getAttribute("data-upload") + query(form, file),
				file, headers, function (event) {
					if (event.lengthComputable) {
						var percent = Math.floor(100 * event.loaded / event.total);
						bar.value = percent;
						say("Uploading " + file.name + ": " + percent + "%");
					}
				});
		}).then(function (xhr) {
			var stored = JSON.parse(xhr.responseText).sha256;

			bar.value = 100;
			if (!link) {
				return stored;
			}
			say("Stored; linking it…");
			return request("PUT", link + stored, null, {}).then(function () {
				return stored;
			});
		}).then(function (stored) {
			var next = form.getAttribute("data-next");

			say("Done.");
			window.location.assign(next + (next.indexOf("?") < 0 ? "?" : "&") +
				"uploaded=" + encodeURIComponent(stored));
		}).catch(function (error) {
			bar.hidden = true;
			button.disabled = false;
			say("Not uploaded: " + error.message, true);
		});
	}

	function enhance(form) {
		var drop = form.querySelector(".drop");
		var input = form.querySelector("input[type=file]");
		var title = form.elements.title;

		form.hidden = false;
		form.addEventListener("submit", function (event) {
			event.preventDefault();
			upload(form);
		});
		input.addEventListener("change", function () {
			if (title && !title.value && input.files[0]) {
				title.placeholder = input.files[0].name;
			}
		});
		["dragenter", "dragover"].forEach(function (name) {
			drop.addEventListener(name, function (event) {
				event.preventDefault();
				drop.classList.add("over");
			});
		});
		["dragleave", "drop"].forEach(function (name) {
			drop.addEventListener(name, function () {
				drop.classList.remove("over");
			});
		});
		drop.addEventListener("drop", function (event) {
			event.preventDefault();
			if (event.dataTransfer.files.length) {
				input.files = event.dataTransfer.files;
				input.dispatchEvent(new Event("change"));
			}
		});
	}

	/* The message of ?uploaded= shows once: the address drops it. */
	function forgetUploaded() {
		var url = new URL(window.location.href);

		if (url.searchParams.has("uploaded") && window.history.replaceState) {
			url.searchParams.delete("uploaded");
			window.history.replaceState(null, "", url.pathname + url.search + url.hash);
		}
	}

	document.addEventListener("DOMContentLoaded", function () {
		Array.prototype.forEach.call(document.querySelectorAll("form.upload[data-upload]"),
			enhance);
		forgetUploaded();
	});
}());

/* ---- the audit checklist: fieldwork from the keyboard ----
 *
 * A row's fields belong to the row's form (form="f-N").  Ctrl+Enter (or
 * Cmd+Enter) in its notes saves the row, and after saving, the page comes
 * back at the next row (#t-N) with its first field focused, so an auditor
 * goes down the list without the mouse. */
(function () {
	document.addEventListener("keydown", function (event) {
		var field = event.target;

		if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) ||
			field.tagName !== "TEXTAREA" || !field.form ||
			!field.closest(".au-checklist")) {
			return;
		}
		event.preventDefault();
		if (field.form.requestSubmit) {
			field.form.requestSubmit();
		} else {
			field.form.submit();
		}
	});

	/* After the load: the browser's own move to the #fragment comes
	 * first and would take the focus away again. */
	window.addEventListener("load", function () {
		var id = window.location.hash.slice(1);
		var row = id && /^t-[0-9]+$/.test(id) ? document.getElementById(id) : null;
		var first = row ? row.querySelector("select, input:not([type=hidden]), textarea") : null;

		if (first && row.closest(".au-checklist")) {
			first.focus({ preventScroll: true });
		}
	});
}());
