/**
 * Sample studies for the demo vault. Every company, article and number here is invented
 * (hosts use the reserved `.example` domain) so the demo can never be mistaken for research.
 */

export interface DemoArticle {
  url: string;
  title: string;
}

export interface DemoStudy {
  company: string;
  title: string;
  year: number;
  category: string;
  industry: string;
  /** Pattern labels checked in the body. */
  patterns: string[];
  /** Rows of the "Tech Stack Identified" table: component → technology. */
  stack: [string, string][];
  /** How many analysis-checklist items are ticked (first N). */
  checklistDone: number;
  articles: DemoArticle[];
  /**
   * Left wrong on purpose so `check` has something to report:
   * - "stale-properties": a box was ticked after the last sync (properties lag behind);
   * - "unknown-category": the category is not in the taxonomy.
   */
  flaw?: "stale-properties" | "unknown-category";
  /** Also write a case study for this analysis. */
  caseStudy?: boolean;
}

const shared = {
  hybridSearch: { url: "https://engineering.quillmart.example/blog/hybrid-search-at-scale?utm_source=newsletter", title: "Hybrid search at scale" },
  featureStore: { url: "https://tech.ledgerline.example/posts/one-feature-store-for-everything/", title: "One feature store for everything" },
  shadowMode: { url: "https://blog.nimbus-cloudworks.example/ml/shadow-mode-before-launch", title: "Shadow mode before every launch" },
  ragGuide: { url: "https://research.chirply.example/rag-in-production#lessons", title: "RAG in production: lessons from a year of support bots" },
};

export const DEMO_STUDIES: DemoStudy[] = [
  {
    company: "Quillmart", title: "Hybrid product search", year: 2024,
    category: "Search and Retrieval", industry: "E-commerce and retail",
    patterns: ["Hybrid Retrieval", "Multi-Stage Funnel", "Two-Tower Architecture", "Real-Time Inference", "Feature Store + Vector DB"],
    stack: [["Vector DB", "Milvus"], ["Feature Store", "Feast"], ["Model Serving", "Triton"], ["Streaming", "Kafka"]],
    checklistDone: 8,
    articles: [shared.hybridSearch, { url: "https://engineering.quillmart.example/blog/two-towers-for-cold-start", title: "Two towers for cold start" }],
    caseStudy: true,
  },
  {
    company: "Shopwell", title: "Query understanding with LLMs", year: 2025,
    category: "Search and Retrieval", industry: "E-commerce and retail",
    patterns: ["Hybrid Retrieval", "RAG Pipeline", "Cascade Model", "Real-Time Inference"],
    stack: [["Vector DB", "pgvector"], ["Model Serving", "vLLM"], ["Orchestration", "Airflow"]],
    checklistDone: 6,
    articles: [{ url: "https://Shopwell.EXAMPLE/tech/query-understanding", title: "Query understanding with small LLMs" }, { ...shared.hybridSearch, url: "https://www.engineering.quillmart.example/blog/hybrid-search-at-scale/" }],
  },
  {
    company: "Parcelly", title: "Delivery time prediction", year: 2023,
    category: "Prediction and Forecasting", industry: "Delivery and mobility",
    patterns: ["Batch Inference", "Real-Time Inference", "Ensemble Model", "Lambda Architecture", "Canary Deployment"],
    stack: [["Data Storage", "Snowflake"], ["Streaming", "Kafka"], ["Feature Store", "Tecton"], ["Model Training", "XGBoost"]],
    checklistDone: 10,
    articles: [{ url: "https://eng.parcelly.example/eta-models-v3", title: "ETA models, third generation" }, shared.featureStore],
    caseStudy: true,
  },
  {
    company: "Rideloop", title: "Dynamic pricing signals", year: 2024,
    category: "Prediction and Forecasting", industry: "Delivery and mobility",
    patterns: ["Streaming Inference", "Kappa Architecture", "Multi-Task Learning", "Shadow Mode Deployment"],
    stack: [["Streaming", "Flink"], ["Streaming", "kafka"], ["Feature Store", "feast"], ["Model Serving", "TorchServe"]],
    checklistDone: 5,
    articles: [{ url: "https://rideloop.example/engineering/pricing-signals?ref=homepage", title: "Pricing signals in real time" }, shared.shadowMode],
    flaw: "stale-properties",
  },
  {
    company: "Ledgerline", title: "Transaction fraud graph", year: 2024,
    category: "Operations and Infrastructure", industry: "Fintech and banking",
    patterns: ["Real-Time Inference", "Ensemble Model", "Feature Store + Vector DB", "Shadow Mode Deployment", "Lambda Architecture"],
    stack: [["Feature Store", "Feast"], ["Data Storage", "S3"], ["Model Training", "PyTorch"], ["Orchestration", "Kubeflow"]],
    checklistDone: 9,
    articles: [shared.featureStore, { url: "https://tech.ledgerline.example/posts/graph-features-for-fraud", title: "Graph features for fraud" }],
    caseStudy: true,
  },
  {
    company: "Coinfold", title: "Support assistant with retrieval", year: 2025,
    category: "AI Agents and LLMs", industry: "Fintech and banking",
    patterns: ["RAG Pipeline", "Agentic Workflow", "Real-Time Inference", "Canary Deployment"],
    stack: [["Vector DB", "Pinecone"], ["Model Serving", "vLLM"], ["Orchestration", "Temporal"]],
    checklistDone: 4,
    articles: [shared.ragGuide, { url: "https://coinfold.example/blog/agents-that-file-tickets", title: "Agents that file tickets" }],
  },
  {
    company: "Chirply", title: "Feed ranking", year: 2023,
    category: "Recommendations and Personalization", industry: "Social platforms",
    patterns: ["Multi-Stage Funnel", "Two-Tower Architecture", "Multi-Task Learning", "Real-Time Inference", "Feature Store + Vector DB"],
    stack: [["Feature Store", "In-house"], ["Model Training", "PyTorch"], ["Model Serving", "Triton"], ["Streaming", "Kafka"]],
    checklistDone: 7,
    articles: [{ url: "https://research.chirply.example/feed-ranking-2023", title: "How the feed is ranked" }],
  },
  {
    company: "Streamora", title: "Artwork personalization", year: 2024,
    category: "Recommendations and Personalization", industry: "Media and streaming",
    patterns: ["Multi-Stage Funnel", "Batch Inference", "Ensemble Model", "Canary Deployment"],
    stack: [["Data Storage", "Iceberg"], ["Model Training", "Ray"], ["Orchestration", "Airflow"]],
    checklistDone: 6,
    articles: [{ url: "https://streamora.example/tech/artwork-bandits", title: "Bandits pick the artwork" }, shared.shadowMode],
    caseStudy: true,
  },
  {
    company: "Vistaframe", title: "Thumbnail quality scoring", year: 2022,
    category: "Computer Vision", industry: "Media and streaming",
    patterns: ["Batch Inference", "Cascade Model", "Edge/On-Device"],
    stack: [["Model Training", "PyTorch"], ["Model Serving", "ONNX Runtime"]],
    checklistDone: 3,
    articles: [{ url: "https://vistaframe.example/engineering/thumbnails", title: "Scoring thumbnails on device" }],
    flaw: "unknown-category",
  },
  {
    company: "Pixelforge Games", title: "Toxicity moderation in chat", year: 2025,
    category: "NLP and Text", industry: "Gaming",
    patterns: ["Streaming Inference", "Cascade Model", "Shadow Mode Deployment", "Kappa Architecture"],
    stack: [["Streaming", "Kinesis"], ["Model Serving", "Triton"], ["Model Training", "Hugging Face"]],
    checklistDone: 8,
    articles: [{ url: "https://pixelforge.example/devblog/chat-moderation", title: "Chat moderation in 30 ms" }, shared.ragGuide],
  },
  {
    company: "Tripnest", title: "Hotel ranking for travel search", year: 2023,
    category: "Search and Retrieval", industry: "Travel E-commerce and retail",
    patterns: ["Multi-Stage Funnel", "Hybrid Retrieval", "Multi-Task Learning", "Batch Inference"],
    stack: [["Data Storage", "BigQuery"], ["Feature Store", "Feast"], ["Model Training", "LightGBM"]],
    checklistDone: 7,
    articles: [{ url: "https://tech.tripnest.example/hotel-ranking", title: "Ranking hotels people book" }, shared.hybridSearch],
    flaw: "stale-properties",
  },
  {
    company: "Nimbus Cloudworks", title: "Incident triage agent", year: 2025,
    category: "AI Agents and LLMs", industry: "Tech",
    patterns: ["Agentic Workflow", "RAG Pipeline", "Shadow Mode Deployment", "Real-Time Inference"],
    stack: [["Vector DB", "Qdrant"], ["Model Serving", "vLLM"], ["Orchestration", "Temporal"]],
    checklistDone: 5,
    articles: [shared.shadowMode, shared.ragGuide],
  },
];
