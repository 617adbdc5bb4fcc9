// The WebAssembly module's size by crate: reads `twiggy top -f json` of the
// module as rustc wrote it (before wasm-bindgen and wasm-opt, so that function
// names are still there) on stdin, and prints JSON: bytes per crate (code of
// the functions whose path starts with that crate), the data segments, and
// the rest of the module. Custom sections (names, wasm-bindgen's schema) are
// left out, and so are wasm-bindgen's `describe` functions: the shipped
// module has none of them.
//
//   twiggy top -f json edgenet.wasm | node scripts/wasm-crates.mjs
import { readFileSync } from 'node:fs';

const items = JSON.parse(readFileSync(0, "utf8"));

/** The crate a function's symbol belongs to: `<&mut serde_json::de::…>` → serde_json. */
function crateOf(name) {
  let s = name.trim();
  // Trait impls and references: the implementing type names the crate.
  for (;;) {
    const before = s;
    s = s.replace(/^</, '').replace(/^&(mut )?/, '').replace(/^dyn /, '').replace(/^\(/, '');
    if (s === before) break;
  }
  // `<T as tachys::view::IntoAny>::…`: a generic or a primitive type, so the trait names the crate.
  const generic = s.match(/^(?:[A-Z]|str|u8|\[[^\]]*\]|\(\)|bool|[iu](?:8|16|32|64|128|size)|f32|f64|char)>?(?: as (.*))?/);
  if (generic) {
    if (!generic[1]) return 'core';
    s = generic[1];
  }
  if (/^export "__wbindgen|^import "__wbindgen|^import "__wbg/.test(s)) return 'wasm_bindgen';
  const m = s.match(/^([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/);
  return m ? m[1] : null;
}

const byCrate = new Map();
let data = 0;
let other = 0;
let total = 0;
for (const { name, shallow_size: size } of items) {
  // wasm-bindgen reads its `describe` functions and removes them.
  if (/^custom section|subsection$|__wbindgen_describe|wasm_bindgen::describe::|WasmDescribe/.test(name)) continue;
  total += size;
  if (/^data segment|^data\[/.test(name)) {
    data += size;
    continue;
  }
  const c = crateOf(name);
  if (c) byCrate.set(c, (byCrate.get(c) ?? 0) + size);
  else other += size;
}
const crates = [...byCrate.entries()].sort((a, b) => b[1] - a[1]).map(([crate, bytes]) => ({ crate, bytes }));
console.log(JSON.stringify({ total, data, other, crates }, null, 1));
