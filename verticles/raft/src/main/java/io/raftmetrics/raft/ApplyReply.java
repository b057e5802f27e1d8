package io.raftmetrics.raft;

import io.raftmetrics.store.ApplyOutcome;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

import java.nio.ByteBuffer;

/**
 * The reply message of an applied entry, from the leader's state machine to the submitting client:
 * {@code i32 points, u8 duplicate}.
 *
 * @param points points the entry wrote
 * @param duplicate true if the replica skipped the entry (batch id or index already applied)
 */
record ApplyReply(int points, boolean duplicate) {

  private static final int SIZE = 5;

  static Message encode(ApplyOutcome outcome) {
    ByteBuffer buf = ByteBuffer.allocate(SIZE).putInt(outcome.points()).put((byte) (outcome.duplicate() ? 1 : 0));
    return Message.valueOf(ByteString.copyFrom(buf.array()));
  }

  /** @throws IllegalArgumentException if the content is not an apply reply */
  static ApplyReply decode(ByteString content) {
    if (content.size() != SIZE) {
      throw new IllegalArgumentException("unexpected apply reply of " + content.size() + " bytes");
    }
    ByteBuffer buf = content.asReadOnlyByteBuffer();
    return new ApplyReply(buf.getInt(), buf.get() != 0);
  }
}
