/**
 * The app step's QR code on another device: the frame the broker sent last, drawn as a matrix once the encoder (a
 * lazy chunk of its own) is there. A frame that is no longer current when the encoder answers is dropped.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { QrMatrix } from '../steps/qr.js';
import type { FlowController, LaterStepsModule } from './flow-controller.js';

export class QrController implements ReactiveController {
  private drawn: QrMatrix | null = null;
  private frame: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly flow: FlowController,
  ) {
    host.addController(this);
  }

  /** The matrix of the current frame, or null while there is none or it is being drawn. */
  get matrix(): QrMatrix | null {
    return this.drawn;
  }

  /** Before each render (the QR step never renders on a server, where Lit SSR skips this hook). */
  hostUpdate(): void {
    const { state, laterSteps } = this.flow.progress;
    if (!laterSteps || state.step !== 'app' || state.device !== 'cross') {
      this.follow(null);
      return;
    }
    this.follow(state.qr, laterSteps);
    // The encoder is fetched as soon as the step shows, before the first frame arrives.
    void laterSteps.loadQrEncoder().catch(() => undefined);
  }

  private follow(frame: string | null, laterSteps?: LaterStepsModule) {
    if (frame === this.frame) return;
    this.frame = frame;
    if (!frame || !laterSteps) this.drawn = null;
    else void this.draw(frame, laterSteps);
  }

  private async draw(frame: string, laterSteps: LaterStepsModule) {
    try {
      const encoder = await laterSteps.loadQrEncoder();
      if (this.frame !== frame) return;
      this.drawn = laterSteps.qrMatrix(encoder, frame);
      this.host.requestUpdate();
    } catch {
      // Without the encoder the text alternative and the other methods remain.
    }
  }
}
