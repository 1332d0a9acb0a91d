import { decodeJwt } from 'jose';
import { signIn } from './gateway-calls';

/** renewed when this share of its life has passed */
const renewAt = 2 / 3;
const retryMs = 10_000;

/**
 * A user's access token that signs in again before it expires: a load longer than a token's life
 * (15 minutes by default) keeps calling as the same user instead of collecting "token expired"
 * refusals (a 30-minute soak did, from minute 15). A failed renewal keeps the old token and tries
 * again shortly.
 */
export class RenewingToken {
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private value: string,
    private readonly signInAgain: () => Promise<string>,
  ) {
    this.schedule();
  }

  static async signIn(gatewayUrl: string, username: string, password: string): Promise<RenewingToken> {
    const again = () => signIn(gatewayUrl, username, password);
    return new RenewingToken(await again(), again);
  }

  /** the token to send now */
  get current(): string {
    return this.value;
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private schedule(delayMs = this.renewalDelayMs()): void {
    this.timer = setTimeout(() => {
      this.signInAgain().then(
        (token) => {
          this.value = token;
          this.schedule();
        },
        () => this.schedule(retryMs),
      );
    }, delayMs);
    // a pending renewal never keeps the benchmark's process alive
    this.timer.unref();
  }

  private renewalDelayMs(): number {
    const { iat, exp } = decodeJwt(this.value);
    if (iat === undefined || exp === undefined) return retryMs;
    return Math.max(1000, (exp - iat) * 1000 * renewAt);
  }
}
