annalsSearch.postings("kf",{"rest":54,"top":"B2E2C2B2"});
