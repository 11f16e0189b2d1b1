// Where Bootstrap Italia loads its fonts from; read from the tag so no inline script is needed.
window.__PUBLIC_PATH__ = document.currentScript.dataset.fonts;
