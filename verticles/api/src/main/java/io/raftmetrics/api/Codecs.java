package io.raftmetrics.api;

import io.raftmetrics.api.codec.BinaryCodec;
import io.raftmetrics.api.codec.JsonRecordCodec;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.kairos.KairosQuery;
import io.raftmetrics.api.kairos.KairosTagsQuery;
import io.raftmetrics.api.kairos.RenderedJson;
import io.raftmetrics.api.kairos.TagNamesRequest;
import io.raftmetrics.api.kairos.TagValuesRequest;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.log.DeleteEntry;
import io.raftmetrics.api.log.StreamChunk;
import io.raftmetrics.api.log.StreamRead;
import io.raftmetrics.api.log.WatermarkEntry;
import io.raftmetrics.api.query.AggregateRequest;
import io.raftmetrics.api.query.AggregateResult;
import io.raftmetrics.api.query.LatestPoint;
import io.raftmetrics.api.query.LatestRequest;
import io.raftmetrics.api.query.MetricNamesRequest;
import io.raftmetrics.api.query.NameList;
import io.raftmetrics.api.raft.MembershipChange;
import io.raftmetrics.api.raft.MembershipResult;
import io.raftmetrics.api.raft.RaftNodeStatus;
import io.vertx.core.eventbus.EventBus;

/**
 * Registers the default codec of every payload type of the contract. Call it once per Vert.x instance, before any
 * verticle deploys: a node without a codec fails every message of that type with {@code ReplyFailure.ERROR}.
 */
public final class Codecs {

  private Codecs() {
  }

  public static void registerAll(EventBus eb) {
    eb.registerDefaultCodec(IngestBatch.class, new BinaryCodec<>(IngestBatch.class, IngestBatch::bytes, IngestBatch::wrap));
    eb.registerDefaultCodec(DeleteEntry.class, new BinaryCodec<>(DeleteEntry.class, DeleteEntry::encode, DeleteEntry::decode));
    eb.registerDefaultCodec(WatermarkEntry.class,
      new BinaryCodec<>(WatermarkEntry.class, WatermarkEntry::encode, WatermarkEntry::decode));
    eb.registerDefaultCodec(StreamChunk.class, new BinaryCodec<>(StreamChunk.class, StreamChunk::encode, StreamChunk::decode));
    eb.registerDefaultCodec(StreamRead.class, new JsonRecordCodec<>(StreamRead.class, StreamRead::toJson, StreamRead::fromJson));
    eb.registerDefaultCodec(IngestAck.class, new JsonRecordCodec<>(IngestAck.class, IngestAck::toJson, IngestAck::fromJson));
    eb.registerDefaultCodec(LatestRequest.class,
      new JsonRecordCodec<>(LatestRequest.class, LatestRequest::toJson, LatestRequest::fromJson));
    eb.registerDefaultCodec(LatestPoint.class, new JsonRecordCodec<>(LatestPoint.class, LatestPoint::toJson, LatestPoint::fromJson));
    eb.registerDefaultCodec(AggregateRequest.class,
      new JsonRecordCodec<>(AggregateRequest.class, AggregateRequest::toJson, AggregateRequest::fromJson));
    eb.registerDefaultCodec(AggregateResult.class,
      new JsonRecordCodec<>(AggregateResult.class, AggregateResult::toJson, AggregateResult::fromJson));
    eb.registerDefaultCodec(MetricNamesRequest.class,
      new JsonRecordCodec<>(MetricNamesRequest.class, MetricNamesRequest::toJson, MetricNamesRequest::fromJson));
    eb.registerDefaultCodec(NameList.class, new JsonRecordCodec<>(NameList.class, NameList::toJson, NameList::fromJson));
    eb.registerDefaultCodec(KairosQuery.class, new JsonRecordCodec<>(KairosQuery.class, KairosQuery::toJson,
      KairosQuery::fromJson));
    eb.registerDefaultCodec(KairosTagsQuery.class, new JsonRecordCodec<>(KairosTagsQuery.class, KairosTagsQuery::toJson,
      KairosTagsQuery::fromJson));
    eb.registerDefaultCodec(TagNamesRequest.class, new JsonRecordCodec<>(TagNamesRequest.class, TagNamesRequest::toJson,
      TagNamesRequest::fromJson));
    eb.registerDefaultCodec(TagValuesRequest.class, new JsonRecordCodec<>(TagValuesRequest.class,
      TagValuesRequest::toJson, TagValuesRequest::fromJson));
    eb.registerDefaultCodec(RenderedJson.class, new BinaryCodec<>(RenderedJson.class, RenderedJson::utf8,
      RenderedJson::new));
    eb.registerDefaultCodec(RaftNodeStatus.class, new JsonRecordCodec<>(RaftNodeStatus.class, RaftNodeStatus::toJson,
      RaftNodeStatus::fromJson));
    eb.registerDefaultCodec(MembershipChange.class, new JsonRecordCodec<>(MembershipChange.class,
      MembershipChange::toJson, MembershipChange::fromJson));
    eb.registerDefaultCodec(MembershipResult.class, new JsonRecordCodec<>(MembershipResult.class,
      MembershipResult::toJson, MembershipResult::fromJson));
  }
}
