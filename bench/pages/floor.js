// The floor any web component pays: a trivial custom element with one input in its shadow root, defined by an
// external module script.
class BenchFloor extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.attachShadow({ mode: 'open' }).innerHTML =
      '<label for="user-id">Bruger-ID</label><input id="user-id" name="username" type="text" autocomplete="username">';
  }
}
customElements.define('bench-floor', BenchFloor);
