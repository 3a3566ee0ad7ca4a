;; The embedded vector store's inner loop in WebAssembly SIMD: the dot product of one query with every row
;; of a row-major float32 matrix, four lanes at a time with two accumulators (eight floats per step).
;; Rows are `stride` floats apart, `stride` a multiple of 8 (rows are padded with zeros to it).
;; Compiled into dot-products-wasm.ts by `npm run build:wasm`; a test checks the two agree.
(module
  (memory (export "memory") 1)
  ;; out[r] = Σ matrix[r·stride + d] · query[d], for r < rows and d < stride; all addresses in bytes.
  (func (export "scores") (param $matrix i32) (param $query i32) (param $out i32) (param $rows i32) (param $stride i32)
    (local $p i32) (local $q i32) (local $queryEnd i32) (local $o i32) (local $outEnd i32) (local $a v128) (local $b v128)
    (local.set $p (local.get $matrix))
    (local.set $o (local.get $out))
    (local.set $outEnd (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 2))))
    (local.set $queryEnd (i32.add (local.get $query) (i32.shl (local.get $stride) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $o) (local.get $outEnd)))
        (local.set $a (v128.const i32x4 0 0 0 0))
        (local.set $b (v128.const i32x4 0 0 0 0))
        (local.set $q (local.get $query))
        (loop $dimension
          (local.set $a (f32x4.add (local.get $a) (f32x4.mul (v128.load (local.get $p)) (v128.load (local.get $q)))))
          (local.set $b
            (f32x4.add (local.get $b) (f32x4.mul (v128.load offset=16 (local.get $p)) (v128.load offset=16 (local.get $q)))))
          (local.set $p (i32.add (local.get $p) (i32.const 32)))
          (local.set $q (i32.add (local.get $q) (i32.const 32)))
          (br_if $dimension (i32.lt_u (local.get $q) (local.get $queryEnd))))
        (local.set $a (f32x4.add (local.get $a) (local.get $b)))
        (f32.store (local.get $o)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $a)) (f32x4.extract_lane 1 (local.get $a)))
            (f32.add (f32x4.extract_lane 2 (local.get $a)) (f32x4.extract_lane 3 (local.get $a)))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $row)))))
