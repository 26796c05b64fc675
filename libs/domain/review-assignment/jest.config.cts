module.exports = {
  displayName: 'review-assignment',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/domain/review-assignment',
};
