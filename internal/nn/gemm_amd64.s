#include "textflag.h"

// func kernel4x16(a *float32, lda int, b *float32, ldb int, c *float32, ldc int, k int)
// C[0:4, 0:16] += A[0:4, 0:k] · B[0:k, 0:16]
TEXT ·kernel4x16(SB), NOSPLIT, $0-56
	MOVQ a+0(FP), SI
	MOVQ lda+8(FP), R8
	MOVQ b+16(FP), DI
	MOVQ ldb+24(FP), R9
	MOVQ c+32(FP), DX
	MOVQ ldc+40(FP), R10
	MOVQ k+48(FP), CX
	SHLQ $2, R8
	SHLQ $2, R9
	SHLQ $2, R10
	LEAQ (SI)(R8*1), R11
	LEAQ (R11)(R8*1), R12
	LEAQ (R12)(R8*1), R13
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	XORQ AX, AX

loop4:
	CMPQ AX, CX
	JGE  done4
	VMOVUPS      (DI), Y8
	VMOVUPS      32(DI), Y9
	VBROADCASTSS (SI)(AX*4), Y10
	VFMADD231PS  Y8, Y10, Y0
	VFMADD231PS  Y9, Y10, Y1
	VBROADCASTSS (R11)(AX*4), Y11
	VFMADD231PS  Y8, Y11, Y2
	VFMADD231PS  Y9, Y11, Y3
	VBROADCASTSS (R12)(AX*4), Y12
	VFMADD231PS  Y8, Y12, Y4
	VFMADD231PS  Y9, Y12, Y5
	VBROADCASTSS (R13)(AX*4), Y13
	VFMADD231PS  Y8, Y13, Y6
	VFMADD231PS  Y9, Y13, Y7
	ADDQ         R9, DI
	INCQ         AX
	JMP          loop4

done4:
	VADDPS  (DX), Y0, Y0
	VMOVUPS Y0, (DX)
	VADDPS  32(DX), Y1, Y1
	VMOVUPS Y1, 32(DX)
	ADDQ    R10, DX
	VADDPS  (DX), Y2, Y2
	VMOVUPS Y2, (DX)
	VADDPS  32(DX), Y3, Y3
	VMOVUPS Y3, 32(DX)
	ADDQ    R10, DX
	VADDPS  (DX), Y4, Y4
	VMOVUPS Y4, (DX)
	VADDPS  32(DX), Y5, Y5
	VMOVUPS Y5, 32(DX)
	ADDQ    R10, DX
	VADDPS  (DX), Y6, Y6
	VMOVUPS Y6, (DX)
	VADDPS  32(DX), Y7, Y7
	VMOVUPS Y7, 32(DX)
	VZEROUPPER
	RET

// func kernel1x64(a *float32, b *float32, ldb int, c *float32, k int)
// C[0, 0:64] += A[0, 0:k] · B[0:k, 0:64]
TEXT ·kernel1x64(SB), NOSPLIT, $0-40
	MOVQ a+0(FP), SI
	MOVQ b+8(FP), DI
	MOVQ ldb+16(FP), R9
	MOVQ c+24(FP), DX
	MOVQ k+32(FP), CX
	SHLQ $2, R9
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	XORQ AX, AX

loop64:
	CMPQ AX, CX
	JGE  done64
	VBROADCASTSS (SI)(AX*4), Y8
	VFMADD231PS  (DI), Y8, Y0
	VFMADD231PS  32(DI), Y8, Y1
	VFMADD231PS  64(DI), Y8, Y2
	VFMADD231PS  96(DI), Y8, Y3
	VFMADD231PS  128(DI), Y8, Y4
	VFMADD231PS  160(DI), Y8, Y5
	VFMADD231PS  192(DI), Y8, Y6
	VFMADD231PS  224(DI), Y8, Y7
	ADDQ         R9, DI
	INCQ         AX
	JMP          loop64

done64:
	VADDPS  (DX), Y0, Y0
	VMOVUPS Y0, (DX)
	VADDPS  32(DX), Y1, Y1
	VMOVUPS Y1, 32(DX)
	VADDPS  64(DX), Y2, Y2
	VMOVUPS Y2, 64(DX)
	VADDPS  96(DX), Y3, Y3
	VMOVUPS Y3, 96(DX)
	VADDPS  128(DX), Y4, Y4
	VMOVUPS Y4, 128(DX)
	VADDPS  160(DX), Y5, Y5
	VMOVUPS Y5, 160(DX)
	VADDPS  192(DX), Y6, Y6
	VMOVUPS Y6, 192(DX)
	VADDPS  224(DX), Y7, Y7
	VMOVUPS Y7, 224(DX)
	VZEROUPPER
	RET

// func kernel1x16(a *float32, b *float32, ldb int, c *float32, k int)
// C[0, 0:16] += A[0, 0:k] · B[0:k, 0:16], with two accumulators per half
// so that consecutive FMAs do not wait on each other.
TEXT ·kernel1x16(SB), NOSPLIT, $0-40
	MOVQ a+0(FP), SI
	MOVQ b+8(FP), DI
	MOVQ ldb+16(FP), R9
	MOVQ c+24(FP), DX
	MOVQ k+32(FP), CX
	SHLQ $2, R9
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	XORQ AX, AX

loop16:
	LEAQ 1(AX), BX
	CMPQ BX, CX
	JGE  tail16
	VBROADCASTSS (SI)(AX*4), Y8
	VBROADCASTSS 4(SI)(AX*4), Y9
	VFMADD231PS  (DI), Y8, Y0
	VFMADD231PS  32(DI), Y8, Y1
	ADDQ         R9, DI
	VFMADD231PS  (DI), Y9, Y2
	VFMADD231PS  32(DI), Y9, Y3
	ADDQ         R9, DI
	ADDQ         $2, AX
	JMP          loop16

tail16:
	CMPQ AX, CX
	JGE  done16
	VBROADCASTSS (SI)(AX*4), Y8
	VFMADD231PS  (DI), Y8, Y0
	VFMADD231PS  32(DI), Y8, Y1

done16:
	VADDPS  Y2, Y0, Y0
	VADDPS  Y3, Y1, Y1
	VADDPS  (DX), Y0, Y0
	VMOVUPS Y0, (DX)
	VADDPS  32(DX), Y1, Y1
	VMOVUPS Y1, 32(DX)
	VZEROUPPER
	RET

// func activate8(x *float32, n int, pre, mul, add float32, consts *float32)
// x[i] = mul·tanh(pre·x[i]) + add for i < n (a multiple of 8); consts as
// tanhConsts: hi, lo, a13 … a1, b6 … b0, eight copies each.
TEXT ·activate8(SB), NOSPLIT, $0-40
	MOVQ         x+0(FP), SI
	MOVQ         n+8(FP), CX
	VBROADCASTSS pre+16(FP), Y13
	VBROADCASTSS mul+20(FP), Y14
	VBROADCASTSS add+24(FP), Y15
	MOVQ         consts+32(FP), DI

loopact:
	CMPQ        CX, $0
	JLE         doneact
	VMULPS      (SI), Y13, Y0
	VMINPS      (DI), Y0, Y0
	VMAXPS      32(DI), Y0, Y0
	VMULPS      Y0, Y0, Y1
	VMOVUPS     64(DI), Y2
	VFMADD213PS 96(DI), Y1, Y2
	VFMADD213PS 128(DI), Y1, Y2
	VFMADD213PS 160(DI), Y1, Y2
	VFMADD213PS 192(DI), Y1, Y2
	VFMADD213PS 224(DI), Y1, Y2
	VFMADD213PS 256(DI), Y1, Y2
	VMULPS      Y0, Y2, Y2
	VMOVUPS     288(DI), Y3
	VFMADD213PS 320(DI), Y1, Y3
	VFMADD213PS 352(DI), Y1, Y3
	VFMADD213PS 384(DI), Y1, Y3
	VDIVPS      Y3, Y2, Y2
	VFMADD213PS Y15, Y14, Y2
	VMOVUPS     Y2, (SI)
	ADDQ        $32, SI
	SUBQ        $8, CX
	JMP         loopact

doneact:
	VZEROUPPER
	RET

// func addAVX(dst, src *float32, n int)
TEXT ·addAVX(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX

loopadd:
	CMPQ    CX, $0
	JLE     doneadd
	VMOVUPS (SI), Y0
	VADDPS  (DI), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	SUBQ    $8, CX
	JMP     loopadd

doneadd:
	VZEROUPPER
	RET
