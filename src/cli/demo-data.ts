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

/**
 * The demo vault's use-case collection: rows as the public database has them (invented, `.example`
 * hosts), filed by the import's rules. Every quirk of the real data is here: titles beginning with
 * or holding a line break, trailing spaces and line breaks in descriptions and links, curly quotes
 * and `𝛽`, industries the taxonomy lacks or that join two, one article under two categories and
 * two industries, two rows with the same company, title and year. Eight addresses are ones the
 * demo analyses cite (in other spellings), so the library opens with some entries analysed.
 */
export interface DemoCollectionRow {
  company: string;
  industry: string;
  description: string;
  title: string;
  tags: string;
  year: number;
  link: string;
}

const row = (company: string, industry: string, description: string, title: string, tags: string, year: number, link: string): DemoCollectionRow =>
  ({ company, industry, description, title, tags, year, link });

export const DEMO_COLLECTION: DemoCollectionRow[] = [
  // Cited by the demo analyses.
  row("Quillmart", "E-commerce and retail", "Lexical plus vector search", "Hybrid search at scale", "search", 2024, "https://engineering.quillmart.example/blog/hybrid-search-at-scale"),
  row("Shopwell", "E-commerce and retail", "LLMs rewrite queries", "Query understanding with small LLMs", "search,LLM", 2025, "https://shopwell.example/tech/query-understanding "),
  row("Parcelly", "Delivery and mobility", "Predict courier arrival times", "ETA models, third generation", "ETA prediction", 2023, "https://eng.parcelly.example/eta-models-v3"),
  row("Ledgerline", "Fintech and banking", "Graph features catch rings", "Graph features for fraud", "fraud detection", 2024, "https://tech.ledgerline.example/posts/graph-features-for-fraud"),
  row("Coinfold", "Fintech and banking", "Agents open support tickets", "Agents that file tickets", "AI agents,customer support", 2025, "https://coinfold.example/blog/agents-that-file-tickets"),
  row("Chirply", "Social platforms", "Ranks the home feed", "How the feed is ranked", "recommender system", 2023, "https://research.chirply.example/feed-ranking-2023"),
  row("Streamora", "Media and streaming", "Bandits choose artwork", "Bandits pick the artwork", "content personalization", 2024, "https://streamora.example/tech/artwork-bandits"),
  row("Tripnest", "Travel E-commerce and retail", "Ranks hotels by bookings", "Ranking hotels people book", "search", 2023, "https://tech.tripnest.example/hotel-ranking"),
  // One article, two categories and two industries (the RAG guide the demo analyses cite).
  row("Chirply", "Social platforms", "Support bots with retrieval", "RAG in production: lessons from a year of support bots", "RAG", 2024, "https://research.chirply.example/rag-in-production"),
  row("Chirply", "Tech", "Support bots with retrieval", "RAG in production: lessons from a year of support bots", "NLP", 2024, "https://research.chirply.example/rag-in-production"),
  // Not analysed yet.
  row("Pixelforge Games", "Gaming", "Detects cheating from replays", "Replays that catch cheaters", "CV", 2024, "https://pixelforge.example/devblog/replay-vision"),
  row("Pixelforge Games", "Gaming", "Generates level art", "Level art with diffusion models", "CV,generative AI", 2025, "https://pixelforge.example/devblog/level-art"),
  row("Questlane", "Gaming", "Finds toxic avatars", "Avatar moderation with vision models", "CV", 2023, "https://questlane.example/eng/avatar-moderation"),
  row("Questlane", "Gaming", "Recognises game objects", "Object detection for in-game ads", "CV", 2022, "https://questlane.example/eng/object-detection"),
  row("Vistaframe", "Media and streaming", "Scores frames for thumbnails", "\nThumbnail scoring, revisited", "CV", 2024, "https://vistaframe.example/engineering/thumbnails-revisited"),
  row("Vistaframe", "Media and streaming", "Crops video for phones", "Smart crops for vertical video", "CV", 2023, "https://vistaframe.example/engineering/smart-crops \n"),
  row("Rideloop", "Delivery and mobility", "Prices rides in real time  ", "Surge pricing without surprises", "pricing", 2024, "https://rideloop.example/engineering/surge"),
  row("Rideloop", "Delivery and mobility", "Forecasts demand per zone", "Demand forecasting\nper city zone", "demand forecasting", 2023, "https://rideloop.example/engineering/zone-demand"),
  row("Parcelly", "Delivery and mobility,Banking and finance", "Detects payout fraud", "Courier payout fraud", "fraud detection", 2024, "https://eng.parcelly.example/payout-fraud"),
  row("Ledgerline", "Fintech and banking", "Scores leads for sales\n", "Lead scoring with gradient boosting", "lead scoring", 2022, "https://tech.ledgerline.example/posts/lead-scoring"),
  row("Ledgerline", "Fintech and banking", "Explains declines", "“Why was I declined?” explanations", "LLM,NLP", 2025, "https://tech.ledgerline.example/posts/decline-explanations"),
  row("Coinfold", "Fintech and banking", "Measures campaign uplift", "Uplift models for promotions", "causality", 2024, "https://coinfold.example/blog/uplift"),
  row("Coinfold", "Fintech and banking", "Predicts churn", "Churn prediction with 𝛽-VAE features", "churn prediction", 2023, "https://coinfold.example/blog/churn-beta-vae"),
  row("Quillmart", "E-commerce and retail", "Classifies new products", "Catalog classification at Quillmart", "item classification", 2023, "https://engineering.quillmart.example/blog/catalog-classification"),
  row("Quillmart", "E-commerce and retail", "Forecasts stock", "Demand forecasting for 10,000 stores", "demand forecasting", 2024, "https://engineering.quillmart.example/blog/store-forecasts"),
  row("Shopwell", "E-commerce and retail", "Recommends bundles", "Bundle recommendations", "recommender system", 2022, "https://shopwell.example/tech/bundles"),
  row("Shopwell", "E-commerce and retail", "Writes product copy", "Product descriptions by LLM", "generative AI,product feature", 2025, "https://shopwell.example/tech/product-copy"),
  row("Streamora", "Media and streaming", "Subtitles in many languages", "Subtitles with speech models", "NLP", 2024, "https://streamora.example/tech/subtitles"),
  row("Streamora", "Media and streaming", "Summarises episodes", "Episode recaps with LLMs", "LLM,product feature", 2025, "https://streamora.example/tech/recaps"),
  row("Tripnest", "Travel E-commerce and retail", "Prices rooms", "Dynamic room pricing", "pricing", 2024, "https://tech.tripnest.example/room-pricing"),
  row("Tripnest", "Travel E-commerce and retail", "Trip planning chat", "A trip planner that talks", "chatbot", 2025, "https://tech.tripnest.example/trip-planner"),
  row("Nimbus Cloudworks", "Tech", "Predicts disk failures", "Predictive maintenance for disks", "predictive maintenance", 2023, "https://blog.nimbus-cloudworks.example/ml/disk-failures"),
  row("Nimbus Cloudworks", "Tech", "Routes alerts", "Alert routing with embeddings", "ops", 2024, "https://blog.nimbus-cloudworks.example/ml/alert-routing"),
  row("Learnly", "Education", "Tutors students", "A math tutor on LLMs", "LLM", 2024, "https://learnly.example/blog/math-tutor"),
  row("Learnly", "Education", "Grades essays", "Essay feedback at scale", "NLP", 2023, "https://learnly.example/blog/essay-feedback"),
  row("Forgeworks", "Manufacturing", "Inspects welds", "Weld inspection with cameras", "CV", 2024, "https://forgeworks.example/tech/weld-inspection"),
  // Same company, title and year; two articles.
  row("Forgeworks", "Manufacturing", "Part one: sensors", "Predictive maintenance on the line", "predictive maintenance", 2023, "https://forgeworks.example/tech/pm-sensors"),
  row("Forgeworks", "Manufacturing", "Part two: models", "Predictive maintenance on the line", "predictive maintenance", 2023, "https://forgeworks.example/tech/pm-models"),
  row("Chirply", "Social networks", "Finds spam accounts", "Spam accounts, found early", "spam / content moderation", 2022, "https://research.chirply.example/spam-accounts"),
  row("Chirply", "Social networks", "Tests feed changes", "Causal impact of feed changes", "causality", 2025, "https://research.chirply.example/feed-causal-impact"),
  row("Graphwell", "Tech", "Embeds code for search", "Code search with graph neural networks", "graph learning", 2024, "https://graphwell.example/blog/code-search-gnn"),
  // Before the collection's years: a CSV row the import leaves out.
  row("Oldways", "Tech", "Spam rules", "Rules before models", "spam / content moderation", 2019, "https://oldways.example/rules"),
];
